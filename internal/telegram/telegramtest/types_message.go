package telegramtest

import "encoding/json"

// Message is a message in a chat (Bot API type Message, the fields the
// emulator uses). Source is set on messages the bot produced and is never
// sent over the wire.
type Message struct {
	MessageID         int64              `json:"message_id"`
	MessageThreadID   int64              `json:"message_thread_id,omitempty"`
	From              *User              `json:"from,omitempty"`
	SenderChat        *Chat              `json:"sender_chat,omitempty"`
	Date              int64              `json:"date"`
	Chat              Chat               `json:"chat"`
	ForwardOrigin     *MessageOrigin     `json:"forward_origin,omitempty"`
	IsTopicMessage    bool               `json:"is_topic_message,omitempty"`
	ReplyToMessage    *Message           `json:"reply_to_message,omitempty"`
	EditDate          int64              `json:"edit_date,omitempty"`
	HasProtected      bool               `json:"has_protected_content,omitempty"`
	MediaGroupID      string             `json:"media_group_id,omitempty"`
	AuthorSignature   string             `json:"author_signature,omitempty"`
	Text              string             `json:"text,omitempty"`
	Entities          []MessageEntity    `json:"entities,omitempty"`
	Animation         *Animation         `json:"animation,omitempty"`
	Audio             *Audio             `json:"audio,omitempty"`
	Document          *Document          `json:"document,omitempty"`
	Photo             []PhotoSize        `json:"photo,omitempty"`
	Sticker           *Sticker           `json:"sticker,omitempty"`
	Video             *Video             `json:"video,omitempty"`
	VideoNote         *VideoNote         `json:"video_note,omitempty"`
	Voice             *Voice             `json:"voice,omitempty"`
	Caption           string             `json:"caption,omitempty"`
	CaptionEntities   []MessageEntity    `json:"caption_entities,omitempty"`
	Contact           *Contact           `json:"contact,omitempty"`
	Dice              *Dice              `json:"dice,omitempty"`
	Poll              *Poll              `json:"poll,omitempty"`
	Venue             *Venue             `json:"venue,omitempty"`
	Location          *Location          `json:"location,omitempty"`
	NewChatMembers    []User             `json:"new_chat_members,omitempty"`
	LeftChatMember    *User              `json:"left_chat_member,omitempty"`
	MigrateToChatID   int64              `json:"migrate_to_chat_id,omitempty"`
	MigrateFromChatID int64              `json:"migrate_from_chat_id,omitempty"`
	ForumTopicCreated *ForumTopicCreated `json:"forum_topic_created,omitempty"`
	ReplyMarkup       json.RawMessage    `json:"reply_markup,omitempty"`

	// Source records how the bot produced this message; nil for messages
	// injected as coming from users or channels.
	Source *Source `json:"-"`
	// DisableNotification is true for a bot message sent with
	// disable_notification: members received it without a sound. It is
	// never sent over the wire.
	DisableNotification bool `json:"-"`
}

// Source records the Bot API call that produced a bot message.
type Source struct {
	// Method is the canonical method name, e.g. "copyMessages".
	Method string
	// FromChatID and MessageIDs name the originals for copies and forwards.
	FromChatID int64
	MessageIDs []int64
	// RawText is the text or caption exactly as sent, before parse_mode.
	RawText string
	// ParseMode is the parse_mode parameter, if any.
	ParseMode string
	// ReplyMarkup is the reply_markup parameter as sent, of any kind.
	ReplyMarkup json.RawMessage
	// Params holds every request parameter as text.
	Params map[string]string
}

// MessageEntity marks a span of text, with offsets in UTF-16 code units.
type MessageEntity struct {
	Type          string `json:"type"`
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	URL           string `json:"url,omitempty"`
	User          *User  `json:"user,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
}

// MessageOrigin describes where a forwarded message came from. Type is one
// of user, hidden_user, chat and channel; the other fields are filled as the
// type requires.
type MessageOrigin struct {
	Type            string `json:"type"`
	Date            int64  `json:"date"`
	SenderUser      *User  `json:"sender_user,omitempty"`
	SenderUserName  string `json:"sender_user_name,omitempty"`
	SenderChat      *Chat  `json:"sender_chat,omitempty"`
	Chat            *Chat  `json:"chat,omitempty"`
	MessageID       int64  `json:"message_id,omitempty"`
	AuthorSignature string `json:"author_signature,omitempty"`
}

// ForumTopicCreated is the service message that opens a forum topic.
type ForumTopicCreated struct {
	Name      string `json:"name"`
	IconColor int    `json:"icon_color"`
}

// Contact is a shared phone contact.
type Contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
}

// Dice is an animated emoji with a random value.
type Dice struct {
	Emoji string `json:"emoji"`
	Value int    `json:"value"`
}

// PollOption is one answer of a poll.
type PollOption struct {
	Text       string `json:"text"`
	VoterCount int    `json:"voter_count"`
}

// Poll is a native poll.
type Poll struct {
	ID                    string       `json:"id"`
	Question              string       `json:"question"`
	Options               []PollOption `json:"options"`
	TotalVoterCount       int          `json:"total_voter_count"`
	IsClosed              bool         `json:"is_closed"`
	IsAnonymous           bool         `json:"is_anonymous"`
	Type                  string       `json:"type"`
	AllowsMultipleAnswers bool         `json:"allows_multiple_answers"`
}

// Location is a point on the map.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Venue is a named place.
type Venue struct {
	Location Location `json:"location"`
	Title    string   `json:"title"`
	Address  string   `json:"address"`
}
