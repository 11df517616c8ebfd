package main

import (
	"fmt"
	"sync"
	"time"
)

// ackTracker follows the acknowledgements the bot sends to private chats
// and records when every tip 1..want has been acknowledged.
type ackTracker struct {
	mu        sync.Mutex
	tips      *tipSet
	chatOf    []int64     // tip number -> chat of its first ack
	messages  int         // ack messages, single or batched
	times     []time.Time // when each ack message was answered
	wrongChat int         // repeated acks that went to a different chat
	doneAt    time.Time
	done      chan struct{}
}

func newAckTracker(want int) *ackTracker {
	return &ackTracker{tips: newTipSet(want), chatOf: make([]int64, want+1), done: make(chan struct{})}
}

// observe reads one answered call; it is a tap observer.
func (t *ackTracker) observe(a answer) {
	if a.Method != "sendMessage" || a.Sent.Chat.ID <= 0 {
		return
	}
	nums := ackedTips(a.Sent.Text)
	if len(nums) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.messages++
	t.times = append(t.times, a.At)
	for _, n := range nums {
		switch {
		case t.tips.add(n):
			t.chatOf[n] = a.Sent.Chat.ID
		case n >= 1 && n <= t.tips.want:
			if t.chatOf[n] != a.Sent.Chat.ID {
				t.wrongChat++
			}
		}
	}
	if t.tips.complete() && t.doneAt.IsZero() {
		t.doneAt = a.At
		close(t.done)
	}
}

// messagesAfter returns how many ack messages were answered after at.
func (t *ackTracker) messagesAfter(at time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, x := range t.times {
		if x.After(at) {
			n++
		}
	}
	return n
}

// status describes the progress for an error message.
func (t *ackTracker) status() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return fmt.Sprintf("%d of %d tips acknowledged in %d ack messages (first missing: %v)",
		t.tips.n, t.tips.want, t.messages, t.tips.missing(5))
}

// counter counts the answered calls that match and records when want of
// them were seen.
type counter struct {
	mu     sync.Mutex
	match  func(answer) bool
	want   int
	n      int
	doneAt time.Time
	done   chan struct{}
}

func newCounter(want int, match func(answer) bool) *counter {
	return &counter{match: match, want: want, done: make(chan struct{})}
}

// observe reads one answered call; it is a tap observer.
func (c *counter) observe(a answer) {
	if !c.match(a) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	if c.n == c.want {
		c.doneAt = a.At
		close(c.done)
	}
}

func (c *counter) status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%d of %d seen", c.n, c.want)
}
