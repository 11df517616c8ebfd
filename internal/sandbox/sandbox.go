package sandbox

import (
	"context"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Options configure a Sandbox.
type Options struct {
	// Gazetteer gives the regions whose Polres chats the world has; nil
	// means the built-in Bali.
	Gazetteer *gazetteer.Gazetteer
}

// Display is how the page shows the bot: the time zone of the times it
// shows (nil means UTC), the settings it lists, and whether the bot reads
// the text in screenshots (OCR), with the reason when it does not.
type Display struct {
	Location *time.Location
	Settings []Setting
	OCR      bool
	OCRNote  string
}

// Sandbox is a running emulator with the demo world, and the web page
// that plays it. Create it with New, serve Handler, run Run, and Close it
// after the bot stopped.
type Sandbox struct {
	emu   *telegramtest.Server
	world *World
	hub   *hub
	done  chan struct{}
	close sync.Once

	mu      sync.Mutex
	files   map[string]file // file_id -> content, of what the page sent
	display Display
}

// file is the content of a file the page can show or download.
type file struct {
	name, mime string
	data       []byte
}

// Setting is one line of the settings the page shows, such as
// TIPRELAY_DB_PATH and its value.
type Setting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// New starts the emulator on 127.0.0.1 and registers the demo world on
// it.
func New(opts Options) *Sandbox {
	g := opts.Gazetteer
	if g == nil {
		g = gazetteer.Bali()
	}
	emu := telegramtest.NewServer(botToken)
	return &Sandbox{
		emu: emu, world: newWorld(emu, g), hub: newHub(),
		done: make(chan struct{}), files: make(map[string]file),
		display: Display{Location: time.UTC},
	}
}

// Env returns the TIPRELAY_* settings that put the bot into the world:
// the emulator's URL and token, the Polda and Polres chats, the staff and
// the admin. They override whatever the environment says.
func (s *Sandbox) Env() map[string]string {
	env := s.world.env()
	env["TIPRELAY_BOT_TOKEN"] = s.emu.Token()
	env["TIPRELAY_API_URL"] = s.emu.URL()
	return env
}

// World returns the demo world.
func (s *Sandbox) World() *World { return s.world }

// Emulator returns the Bot API emulator the world lives on.
func (s *Sandbox) Emulator() *telegramtest.Server { return s.emu }

// SetDisplay sets how the page shows the bot; the command calls it once
// the bot's configuration is known.
func (s *Sandbox) SetDisplay(d Display) {
	if d.Location == nil {
		d.Location = time.UTC
	}
	d.Settings = append([]Setting(nil), d.Settings...)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.display = d
}

// loc returns the time zone of the page.
func (s *Sandbox) loc() *time.Location {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.display.Location
}

// Run feeds the page's event log with the bot's Bot API calls until ctx
// is done or the sandbox is closed; it returns nil then.
func (s *Sandbox) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	return s.watch(ctx)
}

// Close ends the event streams and shuts the emulator down. Stop the bot
// first: its calls fail afterwards. It is safe to call more than once.
func (s *Sandbox) Close() {
	s.close.Do(func() {
		close(s.done)
		s.emu.Close()
	})
}

// remember keeps the content of the files of a message the page sent, by
// the file ids the emulator gave them, so that the page can show them
// wherever the bot copies them.
func (s *Sandbox) remember(m telegramtest.Message, sizes []SampleSize, d *Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range m.Photo {
		if i < len(sizes) {
			name := "photo.png"
			if sizes[i].MIME == "image/jpeg" {
				name = "photo.jpg"
			}
			s.files[p.FileID] = file{name: name, mime: sizes[i].MIME, data: sizes[i].Data}
		}
	}
	if m.Document != nil && d != nil {
		s.files[m.Document.FileID] = file{name: d.Name, mime: d.MIME, data: d.Content}
	}
}

// file returns a file by id: one the page sent, or one the bot uploaded
// (a digest's chart and CSV).
func (s *Sandbox) file(id string) (file, bool) {
	s.mu.Lock()
	f, ok := s.files[id]
	s.mu.Unlock()
	if ok {
		return f, true
	}
	for _, u := range s.emu.Uploaded() {
		if u.FileID == id {
			return file{name: u.FileName, mime: u.ContentType, data: u.Data}, true
		}
	}
	return file{}, false
}
