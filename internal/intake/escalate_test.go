package intake

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Escalation tests: a tip is relayed to the Polda chat (and Badung's),
// its relays are marked sent, and the harness's clock is moved on
// between escalation passes, which are called directly.

const escAfter = 30 * time.Minute

// escHarness is a triage harness with escalation after escAfter and
// named police units.
func escHarness(t *testing.T) *harness {
	t.Helper()
	h := triageHarness(t)
	h.svc.set.EscalateAfter = escAfter
	h.svc.set.Units = map[int64]string{relayTarget.ChatID: "Polda Bali", badungChat: "Polres Badung"}
	return h
}

// escRelay feeds one tip with text and marks its relay rows sent at the
// harness's now, the message sent in chat c having id 500+row. It
// returns the relay rows.
func escRelay(t *testing.T, h *harness, text string) []tip.OutboxMessage {
	t.Helper()
	h.feed(t, textUpdate(1, 301, text))
	relays := escRows(t, h, tip.PurposeRelay)
	if len(relays) == 0 {
		t.Fatalf("tip %q was not relayed", text)
	}
	for _, r := range relays {
		escMarkSent(t, h, r.ID, h.now)
	}
	return relays
}

// escRows returns the outbox rows of tip 1 with purpose p, all of them
// when p is empty.
func escRows(t *testing.T, h *harness, p tip.Purpose) []tip.OutboxMessage {
	t.Helper()
	rows, err := h.st.Outbox.ByTip(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var out []tip.OutboxMessage
	for _, m := range rows {
		if p == "" || m.Purpose == p {
			out = append(out, m)
		}
	}
	return out
}

// escMarkSent records relay row id as sent at at, as message 500+id.
func escMarkSent(t *testing.T, h *harness, id int64, at time.Time) {
	t.Helper()
	if err := h.st.Outbox.MarkSent(context.Background(), id, []int64{500 + id}, at); err != nil {
		t.Fatal(err)
	}
}

// escSetStatus sets tip 1's status as an officer's press does, with the
// cancellation of its waiting reminders and alerts.
func escSetStatus(t *testing.T, h *harness) {
	t.Helper()
	ctx := context.Background()
	err := h.db.InTx(ctx, func(tx tip.Tx) error {
		err := tx.Statuses().SetStatus(ctx, tip.StatusChange{
			TipID: 1, To: tip.StatusWatching, ChatID: relayTarget.ChatID, Unit: "Polda Bali", At: h.now,
		})
		if err != nil {
			return err
		}
		for _, p := range []tip.Purpose{tip.PurposeReminder, tip.PurposeEscalation} {
			if _, err := tx.Outbox().Cancel(ctx, 1, p, "status set"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("set status: %v", err)
	}
}

// escAudited counts the audit entries with action.
func escAudited(t *testing.T, h *harness, action string) int {
	t.Helper()
	entries, err := h.st.Audit.AuditEntries(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Action == action {
			n++
		}
	}
	return n
}

// escStep is one moment of a tip's life: something happens, then an
// escalation pass runs, then the outbox holds reminders and alerts rows
// in all.
type escStep struct {
	at      time.Duration // the clock, from the relay
	restart bool          // a new Service on the same database first
	status  bool          // an officer sets a status first
	// Rows of the tip in the outbox after the pass, whatever their state.
	reminders, alerts int
}

func TestEscalation(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		after time.Duration // 0 means escAfter; <0 turns escalation off
		steps []escStep
	}{
		{"an untouched tip gets exactly one reminder per chat", "Hoaks surat suara #badung", 0, []escStep{
			{at: 29 * time.Minute},
			{at: 30 * time.Minute, reminders: 2},
			{at: 31 * time.Minute, reminders: 2},
			{at: 59 * time.Minute, reminders: 2},
			{at: 60 * time.Minute, reminders: 2, alerts: 1},
			{at: 61 * time.Minute, reminders: 2, alerts: 1},
			{at: 24 * time.Hour, reminders: 2, alerts: 1},
		}},
		{"a tip relayed to the Polda chat only", "Hoaks tanpa wilayah", 0, []escStep{
			{at: 30 * time.Minute, reminders: 1},
			{at: 60 * time.Minute, reminders: 1, alerts: 1},
		}},
		{"an urgent tip after a third of the time", "Ancaman #badung #darurat", 0, []escStep{
			{at: 9 * time.Minute},
			{at: 10 * time.Minute, reminders: 2},
			{at: 19 * time.Minute, reminders: 2},
			{at: 20 * time.Minute, reminders: 2, alerts: 1},
			{at: 5 * time.Hour, reminders: 2, alerts: 1},
		}},
		{"a late first pass queues reminders and alert at once", "Hoaks surat suara #badung", 0, []escStep{
			{at: 3 * time.Hour, reminders: 2, alerts: 1},
			{at: 4 * time.Hour, reminders: 2, alerts: 1},
		}},
		{"a status set before the reminder", "Hoaks surat suara #badung", 0, []escStep{
			{at: 20 * time.Minute},
			{at: 25 * time.Minute, status: true},
			{at: 30 * time.Minute},
			{at: 5 * time.Hour},
		}},
		{"a status set after the reminder cancels it and the alert", "Hoaks surat suara #badung", 0, []escStep{
			{at: 30 * time.Minute, reminders: 2},
			{at: 40 * time.Minute, status: true, reminders: 2},
			{at: 5 * time.Hour, reminders: 2},
		}},
		{"escalation off", "Hoaks surat suara #badung", -1, []escStep{
			{at: 30 * time.Minute},
			{at: 5 * time.Hour},
			{at: 30 * 24 * time.Hour},
		}},
		{"across a restart before the reminders", "Hoaks surat suara #badung", 0, []escStep{
			{at: 10 * time.Minute},
			{at: 30 * time.Minute, restart: true, reminders: 2},
			{at: 60 * time.Minute, restart: true, reminders: 2, alerts: 1},
		}},
		{"across a restart after the reminders", "Hoaks surat suara #badung", 0, []escStep{
			{at: 30 * time.Minute, reminders: 2},
			{at: 45 * time.Minute, restart: true, reminders: 2},
			{at: 50 * time.Minute, restart: true, reminders: 2},
			{at: 60 * time.Minute, reminders: 2, alerts: 1},
			{at: 61 * time.Minute, restart: true, reminders: 2, alerts: 1},
			{at: 48 * time.Hour, restart: true, reminders: 2, alerts: 1},
		}},
		{"across a restart after an urgent tip's alert", "Ancaman #badung #darurat", 0, []escStep{
			{at: 20 * time.Minute, reminders: 2, alerts: 1},
			{at: 21 * time.Minute, restart: true, reminders: 2, alerts: 1},
			{at: 3 * time.Hour, restart: true, reminders: 2, alerts: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			h := escHarness(t)
			switch {
			case tt.after < 0:
				h.svc.set.EscalateAfter = 0
			case tt.after > 0:
				h.svc.set.EscalateAfter = tt.after
			}
			start := h.now
			relays := escRelay(t, h, tt.text)
			svc := h.svc
			var reminders, alerts int // counted by Escalate
			for _, st := range tt.steps {
				h.now = start.Add(st.at)
				if st.restart {
					// A new process on the same database: nothing is
					// remembered but what was committed.
					svc = NewService(h.db, h.svc.set, slog.New(slog.DiscardHandler), nil)
				}
				if st.status {
					escSetStatus(t, h)
					for _, m := range escRows(t, h, "") {
						if (m.Purpose == tip.PurposeReminder || m.Purpose == tip.PurposeEscalation) && m.Status == tip.OutboxPending {
							t.Errorf("at %v: got %s row %d still %s after the status was set, want it cancelled", st.at, m.Purpose, m.ID, m.Status)
						}
					}
				}
				r, a, err := svc.Escalate(ctx)
				if err != nil {
					t.Fatalf("at %v: escalate: %v", st.at, err)
				}
				reminders += r
				alerts += a
				got := [2]int{len(escRows(t, h, tip.PurposeReminder)), len(escRows(t, h, tip.PurposeEscalation))}
				if want := [2]int{st.reminders, st.alerts}; got != want {
					t.Fatalf("at %v: got %d reminders and %d alerts in the outbox, want %d and %d", st.at, got[0], got[1], want[0], want[1])
				}
				if reminders != st.reminders || alerts != st.alerts {
					t.Errorf("at %v: Escalate counted %d reminders and %d alerts so far, want %d and %d", st.at, reminders, alerts, st.reminders, st.alerts)
				}
			}
			checkReminders(t, h, relays)
			checkAlerts(t, h)
		})
	}
}

// checkReminders checks that each reminder is a reply, in its own chat,
// to the tip's message there, one per chat.
func checkReminders(t *testing.T, h *harness, relays []tip.OutboxMessage) {
	t.Helper()
	msgOf := map[tip.Target]int64{}
	for _, r := range relays {
		msgOf[r.Target] = 500 + r.ID
	}
	seen := map[tip.Target]bool{}
	for _, m := range escRows(t, h, tip.PurposeReminder) {
		if seen[m.Target] {
			t.Errorf("got a second reminder to %s", m.Target)
		}
		seen[m.Target] = true
		if got, want := m.ReplyTo, msgOf[m.Target]; got != want || want == 0 {
			t.Errorf("reminder to %s: got a reply to message %d, want %d (the tip's message there)", m.Target, got, want)
		}
		if m.TipID != 1 || m.Kind != tip.SendText || !strings.Contains(m.Text, "#1") {
			t.Errorf("reminder to %s: got tip %d, %s %q; want tip 1, a text naming #1", m.Target, m.TipID, m.Kind, m.Text)
		}
		urgent := strings.Contains(m.Text, "🚨")
		if m.Urgent != urgent || m.Coalesce == urgent || (m.Coalesce && m.Compact != m.Text) {
			t.Errorf("reminder to %s: got urgent %v, coalesce %v, compact %q; want an urgent reminder urgent, any other one foldable into a summary",
				m.Target, m.Urgent, m.Coalesce, m.Compact)
		}
	}
}

// checkAlerts checks that the admin's alert names the tip and the units
// it went to, and that it was audited once.
func checkAlerts(t *testing.T, h *harness) {
	t.Helper()
	alerts := escRows(t, h, tip.PurposeEscalation)
	for _, m := range alerts {
		if m.Target != (tip.Target{ChatID: adminID}) || !strings.Contains(m.Text, "#1") || !strings.Contains(m.Text, "Polda Bali") {
			t.Errorf("got alert to %s %q, want one to the admin in private naming #1 and Polda Bali", m.Target, m.Text)
		}
		if len(escRows(t, h, tip.PurposeReminder)) == 2 && !strings.Contains(m.Text, "Polres Badung") {
			t.Errorf("got alert %q, want it to name Polres Badung too", m.Text)
		}
	}
	if got, want := escAudited(t, h, "tip_escalated"), len(alerts); got != want {
		t.Errorf("got %d tip_escalated audit entries, want %d", got, want)
	}
}

// A chat the tip reached late (its region set long after the relay) gets
// its reminder when its own relay is old enough, after the admins were
// told, and the admins are told once.
func TestEscalationChatReachedLate(t *testing.T) {
	ctx := context.Background()
	h := escHarness(t)
	start := h.now
	h.feed(t, textUpdate(1, 301, "Hoaks surat suara #badung"))
	var badung tip.OutboxMessage
	for _, r := range escRows(t, h, tip.PurposeRelay) {
		at := start
		if r.Target.ChatID == badungChat {
			at, badung = start.Add(55*time.Minute), r
		}
		escMarkSent(t, h, r.ID, at)
	}
	steps := []struct {
		at                time.Duration
		reminders, alerts int
	}{
		{30 * time.Minute, 1, 0},
		{60 * time.Minute, 1, 1},
		{84 * time.Minute, 1, 1},
		{85 * time.Minute, 2, 1},
		{5 * time.Hour, 2, 1},
	}
	for _, st := range steps {
		h.now = start.Add(st.at)
		if _, _, err := h.svc.Escalate(ctx); err != nil {
			t.Fatal(err)
		}
		got := [2]int{len(escRows(t, h, tip.PurposeReminder)), len(escRows(t, h, tip.PurposeEscalation))}
		if want := [2]int{st.reminders, st.alerts}; got != want {
			t.Fatalf("at %v: got %d reminders and %d alerts, want %d and %d", st.at, got[0], got[1], want[0], want[1])
		}
	}
	rems := escRows(t, h, tip.PurposeReminder)
	if last := rems[len(rems)-1]; last.Target.ChatID != badungChat || last.ReplyTo != 500+badung.ID || !strings.Contains(last.Text, "30 menit") {
		t.Errorf("got last reminder to %s replying to %d: %q; want Badung's, replying to %d, after 30 minutes",
			last.Target, last.ReplyTo, last.Text, 500+badung.ID)
	}
	if got := escAudited(t, h, "tip_escalated"); got != 1 {
		t.Errorf("got %d tip_escalated audit entries, want 1", got)
	}
}

// Without admins, the tip's escalation still ends, once, audited.
func TestEscalationWithoutAdmins(t *testing.T) {
	h := escHarness(t)
	h.svc.set.AdminIDs = nil
	start := h.now
	escRelay(t, h, "Hoaks surat suara #badung")
	for _, at := range []time.Duration{60 * time.Minute, 61 * time.Minute, 5 * time.Hour} {
		h.now = start.Add(at)
		if _, _, err := h.svc.Escalate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(escRows(t, h, tip.PurposeEscalation)); got != 0 {
		t.Errorf("got %d alerts, want none", got)
	}
	if got := len(escRows(t, h, tip.PurposeReminder)); got != 2 {
		t.Errorf("got %d reminders, want 2", got)
	}
	if got := escAudited(t, h, "tip_escalated"); got != 1 {
		t.Errorf("got %d tip_escalated audit entries, want 1", got)
	}
	list, err := sqlite.NewStatusStore(h.db).Unanswered(context.Background(), h.now, 10)
	if err != nil || len(list) != 0 {
		t.Errorf("got unanswered %+v (%v), want the tip's escalation ended", list, err)
	}
}

// A pass that reads a full list does not end the last tip of it, whose
// other chats may lie past the limit: their reminders come next pass.
func TestEscalationFullListKeepsTheLastTip(t *testing.T) {
	ctx := context.Background()
	h := escHarness(t)
	start := h.now
	escRelay(t, h, "Hoaks surat suara #badung")
	h.now = start.Add(time.Hour)
	err := h.svc.inTx(ctx, func(x *txn) error {
		_, _, err := x.escalate(ctx, h.now, escAfter, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(escRows(t, h, tip.PurposeReminder)); got != 1 {
		t.Fatalf("got %d reminders from a list of one relay, want 1", got)
	}
	if _, _, err := h.svc.Escalate(ctx); err != nil {
		t.Fatal(err)
	}
	if got, alerts := len(escRows(t, h, tip.PurposeReminder)), len(escRows(t, h, tip.PurposeEscalation)); got != 2 || alerts != 1 {
		t.Errorf("got %d reminders and %d alerts, want one reminder per chat and one alert", got, alerts)
	}
}

func TestEscalationTick(t *testing.T) {
	tests := []struct {
		after, want time.Duration
	}{
		{10 * time.Second, 5 * time.Second},
		{time.Minute, 10 * time.Second},
		{3 * time.Minute, 30 * time.Second},
		{30 * time.Minute, time.Minute},
		{24 * time.Hour, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.after.String(), func(t *testing.T) {
			if got := escalationTick(tt.after); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// runEscalation makes a pass as it starts (a restart catches up at once)
// and returns when its context ends; when escalation is off it returns
// at once.
func TestRunEscalation(t *testing.T) {
	tests := []struct {
		name      string
		after     time.Duration
		reminders int
	}{
		{"on", escAfter, 2},
		{"off", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := escHarness(t)
			h.svc.set.EscalateAfter = tt.after
			start := h.now
			escRelay(t, h, "Hoaks surat suara #badung")
			h.now = start.Add(escAfter)
			woke := make(chan struct{}, 1)
			h.svc.notify = func() {
				select {
				case woke <- struct{}{}:
				default:
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan struct{})
			go func() { h.svc.runEscalation(ctx); close(done) }()
			deadline := time.NewTimer(10 * time.Second)
			defer deadline.Stop()
			if tt.after > 0 {
				select {
				case <-woke:
				case <-deadline.C:
					t.Fatal("no escalation pass within 10s of the start")
				}
				cancel()
			}
			select {
			case <-done:
			case <-deadline.C:
				t.Fatal("runEscalation did not return")
			}
			if got := len(escRows(t, h, tip.PurposeReminder)); got != tt.reminders {
				t.Errorf("got %d reminders, want %d", got, tt.reminders)
			}
		})
	}
}

// escClock is a clock ahead of real time by a lead the test moves on:
// the relay worker keeps real time for its pacing, the service sees the
// future.
type escClock struct{ lead atomic.Int64 }

func (c *escClock) Now() time.Time          { return time.Now().Add(time.Duration(c.lead.Load())) }
func (c *escClock) Advance(d time.Duration) { c.lead.Add(int64(d)) }
func (c *escClock) String() string          { return fmt.Sprint(time.Duration(c.lead.Load())) }

// escWait waits until cond holds, looking every 5ms, for at most d.
func escWait(d time.Duration, cond func() bool) error {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return fmt.Errorf("condition still false after %v", d)
		}
		<-tick.C
	}
	return nil
}

// End to end through the Bot API emulator: a tip relayed to the Polda
// forum topic and to Badung's chat gets, once the clock passes
// EscalateAfter, one reminder in each as a reply to its message there;
// later the admin is told once in private.
func TestEscalationEndToEnd(t *testing.T) {
	const token = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	polda := srv.AddChat(telegramtest.Chat{ID: relayTarget.ChatID, Type: "supergroup", Title: "Ditintelkam Polda Bali", IsForum: true})
	badung := srv.AddChat(telegramtest.Chat{ID: badungChat, Type: "supergroup", Title: "Polres Badung"})
	thread := srv.AddTopic(polda.ID, "Laporan")
	staff := telegramtest.User{ID: staffID, FirstName: "Rina"}
	admin := telegramtest.User{ID: adminID, FirstName: "Admin"}
	srv.AddUser(admin)

	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), PollTimeout: 2 * time.Second, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	clock := &escClock{}
	set := Settings{
		Relay: tip.Target{ChatID: polda.ID, ThreadID: thread}, Regions: map[tip.RegionKey]tip.Target{"badung": {ChatID: badung.ID}},
		Places: fakePlaces{}, StaffIDs: []int64{staff.ID}, AdminIDs: []int64{admin.ID},
		Texts: text.For(text.Indonesian), AlbumWindow: 300 * time.Millisecond, Now: clock.Now,
		EscalateAfter: escAfter, Units: map[int64]string{polda.ID: "Polda Bali", badung.ID: "Polres Badung"},
	}
	// The running service does not escalate (whatever Run starts, it
	// cannot race the passes below); a second service on the same
	// database, as after a restart, makes the passes the test calls.
	running := set
	running.EscalateAfter = 0
	var worker *relay.Worker
	svc := NewService(db, running, log, func() { worker.Notify() })
	esc := NewService(db, set, log, func() { worker.Notify() })
	worker = relay.New(sqlite.NewOutboxStore(db), client.Sender(), log, relay.Options{
		Texts: set.Texts, Busy: svc.Busy, Backoff: func(int, tip.SendErrorKind) time.Duration { return time.Hour },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 3)
	go func() { worker.Run(ctx); done <- struct{}{} }()
	go func() { svc.Run(ctx); done <- struct{}{} }()
	go func() {
		if me, err := client.Connect(ctx, log); err == nil {
			svc.SetBotUsername(me.Username)
			client.Poll(ctx, svc, telegram.PollOptions{Log: log})
		}
		done <- struct{}{}
	}()
	t.Cleanup(func() {
		cancel()
		for range 3 {
			<-done
		}
		db.Close()
	})

	srv.UserSends(staff, telegramtest.Text("Hoaks surat suara #badung"))
	// The relays count from when the worker recorded them sent.
	relaysSent := func() bool {
		rows, err := sqlite.NewOutboxStore(db).ByTip(context.Background(), 1)
		n := 0
		for _, m := range rows {
			if m.Purpose == tip.PurposeRelay && m.Status == tip.OutboxSent {
				n++
			}
		}
		return err == nil && n == 2
	}
	if err := escWait(10*time.Second, relaysSent); err != nil {
		t.Fatalf("tip #1 not relayed to both chats: %v", err)
	}
	tips := map[int64]telegramtest.Message{}
	for _, chat := range []int64{polda.ID, badung.ID} {
		msgs := srv.BotMessages(chat)
		if len(msgs) != 1 {
			t.Fatalf("chat %d: got %d bot messages, want the tip alone", chat, len(msgs))
		}
		tips[chat] = msgs[0]
	}

	escalate := func(lead time.Duration) (int, int) {
		t.Helper()
		clock.Advance(lead - time.Duration(clock.lead.Load()))
		r, a, err := esc.Escalate(context.Background())
		if err != nil {
			t.Fatalf("at +%s: escalate: %v", clock, err)
		}
		return r, a
	}
	if r, a := escalate(escAfter - time.Minute); r != 0 || a != 0 {
		t.Fatalf("a minute early: got %d reminders and %d alerts, want none", r, a)
	}
	if r, _ := escalate(escAfter); r != 2 {
		t.Errorf("on time: got %d reminders, want 2", r)
	}
	if r, a := escalate(escAfter + time.Minute); r != 0 || a != 0 {
		t.Errorf("a second pass: got %d reminders and %d alerts, want none", r, a)
	}
	for _, chat := range []int64{polda.ID, badung.ID} {
		var msgs []telegramtest.Message
		err := srv.WaitTimeout(10*time.Second, func() bool {
			msgs = srv.BotMessages(chat)
			return len(msgs) >= 2
		})
		if err != nil {
			t.Fatalf("chat %d: got %d bot messages, want the tip and its reminder: %v", chat, len(msgs), err)
		}
		rem, tipMsg := msgs[1], tips[chat]
		if rem.ReplyToMessage == nil || rem.ReplyToMessage.MessageID != tipMsg.MessageID {
			t.Errorf("chat %d: got reminder %q replying to %+v, want a reply to the tip's message %d", chat, rem.Text, rem.ReplyToMessage, tipMsg.MessageID)
		}
		if rem.MessageThreadID != tipMsg.MessageThreadID || !strings.Contains(rem.Text, "#1") || !strings.Contains(rem.Text, "30 menit") {
			t.Errorf("chat %d: got reminder %q in thread %d, want one naming #1 and its 30 minutes in the tip's thread %d",
				chat, rem.Text, rem.MessageThreadID, tipMsg.MessageThreadID)
		}
	}

	if _, a := escalate(2 * escAfter); a != 1 {
		t.Errorf("at twice the time: got %d alerts, want 1", a)
	}
	if r, a := escalate(3 * escAfter); r != 0 || a != 0 {
		t.Errorf("later: got %d reminders and %d alerts, want none", r, a)
	}
	var alerts []telegramtest.Message
	err = srv.WaitTimeout(10*time.Second, func() bool {
		alerts = srv.BotMessages(admin.ID)
		return len(alerts) >= 1
	})
	if err != nil {
		t.Fatalf("the admin was not told: %v", err)
	}
	if len(alerts) != 1 || !strings.Contains(alerts[0].Text, "#1") || !strings.Contains(alerts[0].Text, "Polres Badung") {
		t.Errorf("got admin messages %+v, want one naming #1 and Polres Badung", alerts)
	}
	for _, chat := range []int64{polda.ID, badung.ID} {
		if got := len(srv.BotMessages(chat)); got != 2 {
			t.Errorf("chat %d: got %d bot messages, want the tip and one reminder", chat, got)
		}
	}
}
