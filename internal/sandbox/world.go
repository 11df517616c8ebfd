package sandbox

import (
	"fmt"
	"strings"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Role is what a person of the demo world is.
type Role string

// The roles of the demo world.
const (
	RoleStaff    Role = "staff"    // may send tips
	RoleAdmin    Role = "admin"    // administers the bot; also sends tips
	RoleOutsider Role = "outsider" // writes to the bot, is refused
	RoleOfficer  Role = "officer"  // member of one police chat
	RoleStranger Role = "stranger" // member of no police chat
)

// Person is someone the page can act as.
type Person struct {
	User telegramtest.User
	Role Role
}

// Name returns the person's display name.
func (p Person) Name() string { return displayName(p.User) }

// PoliceChat is the Polda chat or one region's Polres chat, with the
// officer who plays it on the page.
type PoliceChat struct {
	Chat telegramtest.Chat
	// Region is the region's key; empty for the Polda chat.
	Region tip.RegionKey
	// Unit is the police unit the bot names the chat after.
	Unit    string
	Officer Person
}

// World is the demo world on the emulator.
type World struct {
	// Phones are the people whose private chat with the bot the page
	// shows: three staff members, the admin and an outsider.
	Phones []Person
	// Police is the Polda chat, then the regions' chats in gazetteer order.
	Police []PoliceChat
	// Stranger is a member of no police chat, who presses buttons anyway.
	Stranger Person
	// Channels are public channels whose posts staff forward.
	Channels []telegramtest.Chat
	Posts    []Post
	// Samples are shared by every Sandbox of the process: read them only.
	Samples []Sample
	Docs    []Doc
	// Demos are the ready-made messages of the repeats demo.
	Demos []Demo
}

// Demo world identifiers. They look like Telegram's and are fixed, so that
// a person may read them in the logs.
const (
	botToken       = "7000000001:AAsandbox_demo_token_no_real_bot_xyz"
	poldaChatID    = -1001000000100
	regionChatBase = -1001000000100 // + 1, 2, ... in gazetteer order
	staffIDBase    = 810000000
	officerIDBase  = 820000000
)

// officerNames play the officers of the Polres chats, in gazetteer order;
// further regions get numbered officers.
var officerNames = [][2]string{
	{"Iptu Made", "Arsana"}, {"Ipda Nyoman", "Suarta"}, {"Aiptu Ketut", "Widana"},
	{"Iptu Putu", "Eka Saputra"}, {"Ipda Kadek", "Dwipayana"}, {"Aipda Komang", "Triana"},
	{"Iptu Gede", "Artha"}, {"Ipda Wayan", "Sumerta"}, {"Aiptu Nengah", "Budiasa"},
}

// newWorld registers the demo world of gazetteer g on emu.
func newWorld(emu *telegramtest.Server, g *gazetteer.Gazetteer) *World {
	w := &World{
		Phones: []Person{
			{telegramtest.User{ID: staffIDBase + 1, FirstName: "Ni Luh", LastName: "Ayu Lestari", Username: "ayu_kominfo", LanguageCode: "id"}, RoleStaff},
			{telegramtest.User{ID: staffIDBase + 2, FirstName: "I Gede", LastName: "Wirawan", Username: "gede_kominfo", LanguageCode: "id"}, RoleStaff},
			{telegramtest.User{ID: staffIDBase + 3, FirstName: "Komang", LastName: "Sari Dewi", Username: "sari_kominfo", LanguageCode: "id"}, RoleStaff},
			{telegramtest.User{ID: staffIDBase + 9, FirstName: "Kadek", LastName: "Pratama", Username: "kadek_admin", LanguageCode: "id"}, RoleAdmin},
			{telegramtest.User{ID: 890000001, FirstName: "Budi", LastName: "Santoso", LanguageCode: "id"}, RoleOutsider},
		},
		Stranger: Person{telegramtest.User{ID: 890000002, FirstName: "Joko", LastName: "Susilo", LanguageCode: "id"}, RoleStranger},
	}
	for _, p := range w.Phones {
		emu.AddUser(p.User)
	}
	polda := "Polda"
	if g.Province() != "" {
		polda += " " + g.Province()
	}
	w.Police = append(w.Police, PoliceChat{
		Chat:    telegramtest.Chat{ID: poldaChatID, Type: telegramtest.ChatSupergroup, Title: "Ditintelkam " + polda},
		Unit:    polda,
		Officer: Person{telegramtest.User{ID: officerIDBase, FirstName: "Kompol Wayan", LastName: "Sudira", Username: "wayan_intelkam"}, RoleOfficer},
	})
	for i, key := range g.Keys() {
		r, _ := g.Region(key)
		first, last := fmt.Sprintf("Petugas %d", i+1), r.Short
		if i < len(officerNames) {
			first, last = officerNames[i][0], officerNames[i][1]
		}
		w.Police = append(w.Police, PoliceChat{
			Chat:    telegramtest.Chat{ID: regionChatBase - int64(i+1), Type: telegramtest.ChatSupergroup, Title: r.Unit},
			Region:  key,
			Unit:    r.Unit,
			Officer: Person{telegramtest.User{ID: officerIDBase + int64(i+1), FirstName: first, LastName: last}, RoleOfficer},
		})
	}
	for _, pc := range w.Police {
		emu.AddChat(pc.Chat)
		emu.SetMember(pc.Chat.ID, pc.Officer.User, telegramtest.StatusMember)
	}
	w.Samples = drawnSamples()
	w.Docs = docs()
	w.Channels, w.Posts = channels()
	w.Demos = demos()
	return w
}

// RelayChat returns the Polda chat.
func (w *World) RelayChat() PoliceChat { return w.Police[0] }

// policeChat returns the police chat with id.
func (w *World) policeChat(id int64) (PoliceChat, bool) {
	for _, pc := range w.Police {
		if pc.Chat.ID == id {
			return pc, true
		}
	}
	return PoliceChat{}, false
}

// phone returns the phone person with user id.
func (w *World) phone(id int64) (Person, bool) {
	for _, p := range w.Phones {
		if p.User.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

// chatName names a chat for the event log: a police chat's title, the
// person of a private chat, a channel; otherwise the id.
func (w *World) chatName(id int64) string {
	if pc, ok := w.policeChat(id); ok {
		return pc.Unit
	}
	if p, ok := w.phone(id); ok {
		return p.Name()
	}
	for _, c := range w.Channels {
		if c.ID == id {
			return c.Title
		}
	}
	return fmt.Sprint(id)
}

// env returns the settings that point the bot at this world: its chats,
// regions, staff and admins.
func (w *World) env() map[string]string {
	var regions, staff, admins []string
	for _, pc := range w.Police[1:] {
		regions = append(regions, fmt.Sprintf("%s=%d", pc.Region, pc.Chat.ID))
	}
	for _, p := range w.Phones {
		switch p.Role {
		case RoleStaff:
			staff = append(staff, fmt.Sprint(p.User.ID))
		case RoleAdmin:
			admins = append(admins, fmt.Sprint(p.User.ID))
		}
	}
	return map[string]string{
		"TIPRELAY_RELAY_CHAT_ID": fmt.Sprint(w.RelayChat().Chat.ID),
		"TIPRELAY_REGIONS":       strings.Join(regions, ","),
		"TIPRELAY_STAFF_IDS":     strings.Join(staff, ","),
		"TIPRELAY_ADMIN_IDS":     strings.Join(admins, ","),
	}
}

// displayName is a user's first and last name.
func displayName(u telegramtest.User) string {
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}
