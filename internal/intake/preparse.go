package intake

import (
	"encoding/json"
	"sync"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// maxPreparsed bounds how many decoded updates wait for the processor.
const maxPreparsed = 1000

// preparsed hands updates the poller decoded to the processor. The poller
// decodes each batch before it stores it, while the processor's
// transaction usually holds the database; the processor then skips the
// decoding inside its own transaction. The raw
// update stored in SQLite stays the source of truth: an update missing
// here (after a restart, or dropped because the processor lags) is simply
// decoded again.
type preparsed struct {
	mu    sync.Mutex
	m     map[int64]botapi.Update
	order []int64 // ids in the order they were put, to drop the oldest
}

func newPreparsed() *preparsed {
	return &preparsed{m: make(map[int64]botapi.Update)}
}

// put keeps upd for the processor, dropping the oldest entry when full.
func (p *preparsed) put(upd botapi.Update) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.m[upd.ID]; ok {
		p.m[upd.ID] = upd
		return
	}
	for len(p.order) >= maxPreparsed {
		delete(p.m, p.order[0])
		p.order = p.order[1:]
	}
	p.m[upd.ID] = upd
	p.order = append(p.order, upd.ID)
}

// take returns and forgets the decoded update id, if it is here.
func (p *preparsed) take(id int64) (botapi.Update, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	upd, ok := p.m[id]
	if ok {
		delete(p.m, id)
		// order keeps the id until it falls off the front; a later put
		// of the same id is rare (Telegram resending after a failed
		// store) and only makes the entry leave early.
	}
	return upd, ok
}

// updateID decodes raw for the poller: it returns the update's id and,
// when the update decodes, the decoded update. A panic while decoding is
// left for the processor, which records it on the update; here it only
// means the update is not decoded in advance.
func updateID(raw json.RawMessage) (id int64, upd botapi.Update, decoded bool) {
	func() {
		defer func() {
			if recover() != nil {
				decoded = false
			}
		}()
		var err error
		upd, err = botapi.Parse(raw)
		decoded = err == nil && upd.ID != 0
	}()
	if decoded {
		return upd.ID, upd, true
	}
	var head struct {
		UpdateID int64 `json:"update_id"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return 0, botapi.Update{}, false
	}
	return head.UpdateID, botapi.Update{}, false
}
