package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// albumTip returns a tip of n album photos, one message each.
func albumTip(chatID int64, n int) tip.Tip {
	t := sampleTip(chatID, 100)
	t.MediaGroupID = "13579"
	t.MessageIDs, t.Attachments = nil, nil
	for i := range n {
		id := int64(100 + i)
		t.MessageIDs = append(t.MessageIDs, id)
		t.Attachments = append(t.Attachments, tip.Attachment{
			Kind: tip.AttachPhoto, MessageID: id, FileID: "AgACAgUAAxkBAAI" + string(rune('a'+i)),
			FileUniqueID: "AQAD" + string(rune('a'+i)), FileSize: int64(1000 * (i + 1)),
		})
	}
	return t
}

// TestDownloadsQueuedWithTip: a tip of three album photos queues three
// pending jobs in its own transaction, and a rolled back tip queues none.
func TestDownloadsQueuedWithTip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	store := NewDownloadStore(db)

	// A transaction that fails after the tip was written leaves no job.
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *DB) error {
		if _, _, err := NewTipStore(tx).Create(ctx, albumTip(7001, 3), nil); err != nil {
			return err
		}
		if n, err := NewDownloadStore(tx).Pending(ctx); err != nil || n != 3 {
			t.Errorf("inside the transaction: Pending = %d, %v; want 3", n, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	if n, err := store.Pending(ctx); err != nil || n != 0 {
		t.Fatalf("after rollback: Pending = %d, %v; want 0", n, err)
	}

	stored, created, err := NewTipStore(db).Create(ctx, albumTip(7001, 3), nil)
	if err != nil || !created {
		t.Fatalf("Create = %v, %v", created, err)
	}
	got, err := store.ByTip(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d jobs, want 3: %+v", len(got), got)
	}
	for i, d := range got {
		a := stored.Attachments[i]
		if d.TipID != stored.ID || d.FileID != a.FileID || d.FileSize != a.FileSize || d.Kind != tip.AttachPhoto ||
			d.Status != tip.DownloadPending || d.Attempts != 0 {
			t.Errorf("job %d = %+v, want a pending job of %+v", i, d, a)
		}
	}
	// Creating the same tip again (the update delivered twice) queues no
	// more jobs.
	if _, created, err := NewTipStore(db).Create(ctx, albumTip(7001, 3), nil); err != nil || created {
		t.Fatalf("second Create = %v, %v; want not created", created, err)
	}
	if n, _ := store.Pending(ctx); n != 3 {
		t.Errorf("Pending = %d after a repeated Create, want 3", n)
	}
}

// TestDownloadLeaseAndFinish: a claimed job is not claimed again until its
// lease expires; Retry delays it; Finish records once.
func TestDownloadLeaseAndFinish(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	store := NewDownloadStore(db)
	if _, _, err := NewTipStore(db).Create(ctx, albumTip(7002, 2), nil); err != nil {
		t.Fatal(err)
	}
	now := testNow
	jobs, err := store.Claim(ctx, now, time.Minute, 1)
	if err != nil || len(jobs) != 1 || jobs[0].Attempts != 1 {
		t.Fatalf("Claim = %+v, %v; want one job on its first attempt", jobs, err)
	}
	first := jobs[0]
	jobs, _ = store.Claim(ctx, now, time.Minute, 10)
	if len(jobs) != 1 || jobs[0].AttachmentID == first.AttachmentID {
		t.Fatalf("second Claim = %+v, want only the other job", jobs)
	}
	if jobs, _ := store.Claim(ctx, now.Add(59*time.Second), time.Minute, 10); len(jobs) != 0 {
		t.Fatalf("Claim before the leases expire = %+v, want none", jobs)
	}
	if at, ok, err := store.NextDue(ctx); err != nil || !ok || !at.Equal(now.Add(time.Minute)) {
		t.Errorf("NextDue = %v, %v, %v; want %v", at, ok, err, now.Add(time.Minute))
	}
	// The lease expired: the job is taken again, on its second attempt.
	jobs, _ = store.Claim(ctx, now.Add(time.Minute), time.Minute, 1)
	if len(jobs) != 1 || jobs[0].AttachmentID != first.AttachmentID || jobs[0].Attempts != 2 {
		t.Fatalf("Claim after expiry = %+v, want job %d on attempt 2", jobs, first.AttachmentID)
	}
	if err := store.Retry(ctx, first.AttachmentID, now.Add(time.Hour), "HTTP 502"); err != nil {
		t.Fatal(err)
	}
	if jobs, _ := store.Claim(ctx, now.Add(2*time.Minute), time.Minute, 10); len(jobs) != 1 || jobs[0].AttachmentID == first.AttachmentID {
		t.Fatalf("Claim before the retry time = %+v, want only the other job", jobs)
	}
	done := first
	done.Status, done.SHA256, done.Size, done.MIME = tip.DownloadDone, "ab12", 1000, "image/jpeg"
	for i, want := range []bool{true, false} {
		if rec, err := store.Finish(ctx, done); err != nil || rec != want {
			t.Fatalf("Finish #%d = %v, %v; want %v", i+1, rec, err, want)
		}
	}
	got, _ := store.ByTip(ctx, first.TipID)
	if got[0].Status != tip.DownloadDone || got[0].SHA256 != "ab12" || got[0].Size != 1000 || got[0].MIME != "image/jpeg" {
		t.Errorf("finished job = %+v", got[0])
	}
	if n, _ := store.Pending(ctx); n != 1 {
		t.Errorf("Pending = %d, want 1", n)
	}
}
