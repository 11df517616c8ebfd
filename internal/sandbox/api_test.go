package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// mustSandbox returns a sandbox without a bot and its page's server.
func mustSandbox(tb testing.TB) (*Sandbox, *httptest.Server) {
	tb.Helper()
	sb := New(Options{})
	srv := httptest.NewServer(sb.Handler(HandlerOptions{}))
	tb.Cleanup(func() {
		sb.Close()
		srv.Close()
	})
	return sb, srv
}

// post sends body as JSON and decodes the answer into out (if not nil).
func post(tb testing.TB, srv *httptest.Server, path string, body, out any) int {
	tb.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(srv.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			tb.Fatalf("POST %s: %s %q: %v", path, resp.Status, data, err)
		}
	}
	return resp.StatusCode
}

// asBot calls a Bot API method of the emulator as the bot would.
func asBot(tb testing.TB, sb *Sandbox, method string, params map[string]any) json.RawMessage {
	tb.Helper()
	res, desc := tryBot(tb, sb, method, params)
	if desc != "" {
		tb.Fatalf("%s: %s", method, desc)
	}
	return res
}

// tryBot is asBot for a call that may fail: it returns the result, or the
// error's description.
func tryBot(tb testing.TB, sb *Sandbox, method string, params map[string]any) (json.RawMessage, string) {
	tb.Helper()
	b, _ := json.Marshal(params)
	resp, err := http.Post(sb.emu.URL()+"/bot"+sb.emu.Token()+"/"+method, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		Description string          `json:"description"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		tb.Fatalf("%s: %v", method, err)
	}
	if !env.OK {
		return nil, env.Description
	}
	return env.Result, ""
}

func TestWorld(t *testing.T) {
	sb, srv := mustSandbox(t)
	w := sb.World()
	roles := map[Role]int{}
	for _, p := range w.Phones {
		roles[p.Role]++
	}
	if roles[RoleStaff] != 3 || roles[RoleAdmin] != 1 || roles[RoleOutsider] != 1 {
		t.Errorf("got phones %v, want 3 staff, an admin and an outsider", roles)
	}
	if len(w.Police) != 10 || w.RelayChat().Region != "" || w.Police[2].Region != "badung" || w.Police[2].Unit != "Polres Badung" {
		t.Errorf("got %d police chats, want the Polda chat and the nine of Bali in gazetteer order", len(w.Police))
	}
	for _, pc := range w.Police {
		var m telegramtest.ChatMember
		json.Unmarshal(asBot(t, sb, "getChatMember", map[string]any{"chat_id": pc.Chat.ID, "user_id": pc.Officer.User.ID}), &m)
		if m.Status != telegramtest.StatusMember {
			t.Errorf("officer of %s: status %q, want member", pc.Unit, m.Status)
		}
		res, desc := tryBot(t, sb, "getChatMember", map[string]any{"chat_id": pc.Chat.ID, "user_id": w.Stranger.User.ID})
		if desc == "" {
			t.Errorf("the stranger is known to %s: %s", pc.Unit, res)
		}
	}
	env := sb.Env()
	if env["TIPRELAY_API_URL"] != sb.emu.URL() || env["TIPRELAY_RELAY_CHAT_ID"] != "-1001000000100" ||
		!strings.Contains(env["TIPRELAY_REGIONS"], "badung=-1001000000102") || env["TIPRELAY_ADMIN_IDS"] != "810000009" ||
		strings.Count(env["TIPRELAY_STAFF_IDS"], ",") != 2 {
		t.Errorf("got env %v", env)
	}
	resp, err := http.Get(srv.URL + "/api/world")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/world: %v %v", resp, err)
	}
	var wv worldView
	json.NewDecoder(resp.Body).Decode(&wv)
	resp.Body.Close()
	if len(wv.Phones) != 5 || len(wv.Police) != 10 || len(wv.Posts) != 4 || len(wv.Samples) != 7 || len(wv.Docs) != 2 || len(wv.Demos) != 8 {
		t.Errorf("got world %+v", wv)
	}
}

func TestSendDeliversAsTelegramWould(t *testing.T) {
	sb, srv := mustSandbox(t)
	staff := sb.World().Phones[0].User
	var res sent
	tests := []struct {
		name  string
		req   sendRequest
		check func(t *testing.T, ms []telegramtest.Message)
	}{
		{"text", sendRequest{Kind: "text", Text: "Hoaks di Kuta #hoaks"}, func(t *testing.T, ms []telegramtest.Message) {
			if ms[0].Text != "Hoaks di Kuta #hoaks" || len(ms[0].Entities) != 1 {
				t.Errorf("got %+v", ms[0])
			}
		}},
		{"photo with caption", sendRequest{Kind: "photo", Item: 1, Text: "Tangkapan"}, func(t *testing.T, ms []telegramtest.Message) {
			if len(ms[0].Photo) != 2 || ms[0].Caption != "Tangkapan" {
				t.Errorf("got %+v", ms[0])
			}
		}},
		{"document", sendRequest{Kind: "document", Item: 0}, func(t *testing.T, ms []telegramtest.Message) {
			if d := ms[0].Document; d == nil || d.FileName != "kronologi-kejadian.pdf" || d.MimeType != "application/pdf" {
				t.Errorf("got %+v", ms[0])
			}
		}},
		{"forward of a channel post", sendRequest{Kind: "forward", Item: 1}, func(t *testing.T, ms []telegramtest.Message) {
			o := ms[0].ForwardOrigin
			if o == nil || o.Type != "channel" || o.Chat.Username != "infobali_demo" || o.MessageID != 1530 || len(ms[0].Photo) == 0 {
				t.Errorf("got %+v origin %+v", ms[0], o)
			}
		}},
		{"album", sendRequest{Kind: "album", Items: []int{0, 2, 3}, Text: "Tiga"}, func(t *testing.T, ms []telegramtest.Message) {
			if len(ms) != 3 || ms[0].MediaGroupID == "" || ms[0].MediaGroupID != ms[2].MediaGroupID || ms[0].Caption != "Tiga" || ms[1].Caption != "" {
				t.Errorf("got %+v", ms)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := sb.emu.PendingUpdates()
			tt.req.From = staff.ID
			if code := post(t, srv, "/api/send", tt.req, &res); code != 200 {
				t.Fatalf("got %d", code)
			}
			var ms []telegramtest.Message
			for _, id := range res.MessageIDs {
				m, ok := sb.emu.Message(staff.ID, id)
				if !ok || m.From == nil || m.From.ID != staff.ID {
					t.Fatalf("message %d: %+v", id, m)
				}
				ms = append(ms, m)
			}
			if got := sb.emu.PendingUpdates() - before; got != len(ms) {
				t.Errorf("got %d updates queued, want %d", got, len(ms))
			}
			tt.check(t, ms)
		})
	}

	// The photos sent are served, wherever they are copied.
	m, _ := sb.emu.Message(staff.ID, 2)
	resp, err := http.Get(srv.URL + fileURL(m.Photo[1].FileID))
	if err != nil {
		t.Fatal(err)
	}
	img, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(img, sb.World().Samples[1].Largest().Data) {
		t.Errorf("got %s, %d bytes; want the sample's PNG", resp.Header.Get("Content-Type"), len(img))
	}
	m, _ = sb.emu.Message(staff.ID, 3)
	resp, _ = http.Get(srv.URL + fileURL(m.Document.FileID))
	resp.Body.Close()
	if !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("a PDF is served as %q, want a download", resp.Header.Get("Content-Disposition"))
	}
}

func TestRequestsRefused(t *testing.T) {
	sb, srv := mustSandbox(t)
	w := sb.World()
	staff, polda := w.Phones[0].User.ID, w.RelayChat().Chat.ID
	tests := []struct {
		name string
		path string
		body any
		want string
	}{
		{"not a phone", "/api/send", map[string]any{"from": 42, "kind": "text", "text": "x"}, "not a phone"},
		{"unknown kind", "/api/send", map[string]any{"from": staff, "kind": "sticker"}, "kind must be"},
		{"empty text", "/api/send", map[string]any{"from": staff, "kind": "text", "text": ""}, "empty"},
		{"text too long", "/api/send", map[string]any{"from": staff, "kind": "text", "text": strings.Repeat("a", 4097)}, "4096"},
		{"caption too long", "/api/send", map[string]any{"from": staff, "kind": "photo", "text": strings.Repeat("a", 1025)}, "1024"},
		{"no such sample", "/api/send", map[string]any{"from": staff, "kind": "photo", "item": 9}, "no sample"},
		{"album of one", "/api/send", map[string]any{"from": staff, "kind": "album", "items": []int{1}}, "2 to 10"},
		{"reply to nothing", "/api/send", map[string]any{"from": staff, "kind": "text", "text": "x", "reply_to": 77}, "no message 77"},
		{"unknown field", "/api/send", map[string]any{"from": staff, "kind": "text", "text": "x", "sudo": true}, "unknown field"},
		{"reply in a chat of no one", "/api/reply", map[string]any{"chat": -5, "text": "x"}, "not a police chat"},
		{"reply to nothing in a police chat", "/api/reply", map[string]any{"chat": polda, "text": "x", "reply_to": 9}, "no message 9"},
		{"the stranger writes", "/api/reply", map[string]any{"chat": polda, "as": "stranger", "text": "/laporan 1"}, "not a member"},
		{"someone else", "/api/reply", map[string]any{"chat": polda, "as": "admin", "text": "x"}, "as must be"},
		{"digest in a Polres chat", "/api/digest", map[string]any{"chat": w.Police[3].Chat.ID}, "Polda chat"},
		{"press on no message", "/api/press", map[string]any{"chat": polda, "message": 1, "data": "s1:selesai"}, "no message 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e struct{ Error string }
			if code := post(t, srv, tt.path, tt.body, &e); code != http.StatusBadRequest || !strings.Contains(e.Error, tt.want) {
				t.Errorf("got %d %q, want 400 mentioning %q", code, e.Error, tt.want)
			}
		})
	}
	if n := sb.emu.PendingUpdates(); n != 0 {
		t.Errorf("refused requests queued %d updates", n)
	}
}

func TestGuard(t *testing.T) {
	sb, srv := mustSandbox(t)
	tests := []struct {
		name, method, host, ctype, origin string
		anyHost                           bool
		want                              int
	}{
		{"localhost", "GET", "localhost:8080", "", "", false, 200},
		{"loopback v4", "GET", "127.0.0.1:8080", "", "", false, 200},
		{"loopback v6", "GET", "[::1]:8080", "", "", false, 200},
		{"a .localhost name", "GET", "tiprelay.localhost", "", "", false, 200},
		{"another host (DNS rebinding)", "GET", "sandbox.attacker.example:8080", "", "", false, http.StatusMisdirectedRequest},
		{"a LAN address", "GET", "192.168.1.20:8080", "", "", false, http.StatusMisdirectedRequest},
		{"any host when asked for", "GET", "192.168.1.20:8080", "", "", true, 200},
		{"a form post", "POST", "127.0.0.1:8080", "application/x-www-form-urlencoded", "", false, http.StatusUnsupportedMediaType},
		{"a post from another site", "POST", "127.0.0.1:8080", "application/json", "https://attacker.example", false, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := sb.Handler(HandlerOptions{AnyHost: tt.anyHost})
			path := "/api/world"
			if tt.method == "POST" {
				path = "/api/send"
			}
			r := httptest.NewRequest(tt.method, path, strings.NewReader(`{"from":1,"kind":"text","text":"x"}`))
			r.Host = tt.host
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tt.want {
				t.Errorf("got %d, want %d", rec.Code, tt.want)
			}
		})
	}
	// The page itself and its scripts come from the binary.
	for _, path := range []string{"/", "/app.js", "/style.css"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", path, resp, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") || bytes.Contains(body, []byte("https://")) && path == "/" {
			t.Errorf("GET %s: CSP %q; want the page to load nothing from elsewhere", path, resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// TestPressWaitsForTheAnswer presses a status button of a message the
// "bot" sent: the officer's press reaches the bot as his callback query,
// and the page gets the bot's answer.
func TestPressWaitsForTheAnswer(t *testing.T) {
	sb, srv := mustSandbox(t)
	polda := sb.World().RelayChat()
	kb := map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "🔎 Ditindaklanjuti", "callback_data": "s1:ditindaklanjuti"}}}}
	asBot(t, sb, "sendMessage", map[string]any{"chat_id": polda.Chat.ID, "text": "<b>Laporan #1</b>", "parse_mode": "HTML", "reply_markup": kb})
	for _, as := range []string{"officer", "stranger"} {
		t.Run(as, func(t *testing.T) {
			got := make(chan pressAnswer, 1)
			go func() {
				var a pressAnswer
				post(t, srv, "/api/press", pressRequest{Chat: polda.Chat.ID, Message: 1, Data: "s1:ditindaklanjuti", As: as}, &a)
				got <- a
			}()
			var upd []telegramtest.Update
			if err := sb.emu.WaitTimeout(5*time.Second, func() bool { return sb.emu.PendingUpdates() > 0 }); err != nil {
				t.Fatal(err)
			}
			json.Unmarshal(asBot(t, sb, "getUpdates", map[string]any{"timeout": 0}), &upd)
			q := upd[len(upd)-1].CallbackQuery
			want := polda.Officer.User.ID
			if as == "stranger" {
				want = sb.World().Stranger.User.ID
			}
			if q == nil || q.From.ID != want || q.Data != "s1:ditindaklanjuti" {
				t.Fatalf("got update %+v, want the press of %d", upd, want)
			}
			asBot(t, sb, "getUpdates", map[string]any{"offset": upd[len(upd)-1].UpdateID + 1, "timeout": 0})
			asBot(t, sb, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID, "text": "Laporan #1: " + as})
			if a := <-got; !a.Answered || a.Text != "Laporan #1: "+as {
				t.Errorf("got %+v, want the bot's answer", a)
			}
		})
	}
}
