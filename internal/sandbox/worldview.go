package sandbox

import (
	"fmt"
	"net/http"
)

// worldView is the demo world as the page lists it.
type worldView struct {
	Bot         string       `json:"bot"`
	BotUsername string       `json:"bot_username"`
	Phones      []personView `json:"phones"`
	Police      []policeView `json:"police"`
	Stranger    personView   `json:"stranger"`
	Posts       []postView   `json:"posts"`
	Samples     []sampleView `json:"samples"`
	Docs        []docChoice  `json:"docs"`
	Demos       []demoView   `json:"demos"`
	Settings    []Setting    `json:"settings"`
	Timezone    string       `json:"timezone"`
	OCR         ocrView      `json:"ocr"`
}

type personView struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username,omitempty"`
	Role     Role   `json:"role"`
}

type policeView struct {
	ID      int64      `json:"id"`
	Title   string     `json:"title"`
	Unit    string     `json:"unit"`
	Region  string     `json:"region,omitempty"`
	Officer personView `json:"officer"`
}

type postView struct {
	Channel  string `json:"channel"`
	Username string `json:"username"`
	ID       int64  `json:"id"`
	Text     string `json:"text"`
	Photo    string `json:"photo,omitempty"`
}

type sampleView struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type docChoice struct {
	Name string `json:"name"`
	MIME string `json:"mime"`
	Size int    `json:"size"`
}

// demoView is a message of the repeats demo; From is the user id of its
// sender, 0 for whoever the phone shows.
type demoView struct {
	Key  string `json:"key"`
	From int64  `json:"from"`
	Kind string `json:"kind"`
	Item int    `json:"item"`
	Text string `json:"text,omitempty"`
}

// ocrView says whether the bot reads screenshots, and if not, why.
type ocrView struct {
	On   bool   `json:"on"`
	Note string `json:"note,omitempty"`
}

func person(p Person) personView {
	return personView{ID: p.User.ID, Name: p.Name(), Username: p.User.Username, Role: p.Role}
}

func (s *Sandbox) serveWorld(w http.ResponseWriter, _ *http.Request) {
	wd := s.world
	v := worldView{
		Bot: displayName(s.emu.Bot()), BotUsername: s.emu.Bot().Username,
		Stranger: person(wd.Stranger), Timezone: s.loc().String(),
	}
	for _, p := range wd.Phones {
		v.Phones = append(v.Phones, person(p))
	}
	for _, pc := range wd.Police {
		v.Police = append(v.Police, policeView{ID: pc.Chat.ID, Title: pc.Chat.Title, Unit: pc.Unit, Region: string(pc.Region), Officer: person(pc.Officer)})
	}
	for i, sm := range wd.Samples {
		v.Samples = append(v.Samples, sampleView{Name: sm.Name, URL: fmt.Sprintf("/api/sample/%d", i)})
	}
	for _, p := range wd.Posts {
		pv := postView{Channel: p.Channel.Title, Username: p.Channel.Username, ID: p.ID, Text: p.Text}
		if p.Sample >= 0 {
			pv.Photo = fmt.Sprintf("/api/sample/%d", p.Sample)
		}
		v.Posts = append(v.Posts, pv)
	}
	for _, d := range wd.Docs {
		v.Docs = append(v.Docs, docChoice{Name: d.Name, MIME: d.MIME, Size: len(d.Content)})
	}
	for _, d := range wd.Demos {
		dv := demoView{Key: d.Key, Kind: d.Kind, Item: d.Item, Text: d.Text}
		if d.From >= 0 {
			dv.From = wd.Phones[d.From].User.ID
		}
		v.Demos = append(v.Demos, dv)
	}
	s.mu.Lock()
	v.Settings = append([]Setting(nil), s.display.Settings...)
	v.OCR = ocrView{On: s.display.OCR, Note: s.display.OCRNote}
	s.mu.Unlock()
	writeJSON(w, v, nil)
}
