package botapi

// The wire types mirror the Bot API objects tiprelay reads, with the Bot
// API's JSON names. They are deliberately partial: fields tiprelay does not
// need are left out and ignored when decoding, and content or service kinds
// are recognised by the presence of their key (see content.go), so an
// object or field added to the Bot API later never makes decoding fail.

// wireMessage is the Bot API Message object.
type wireMessage struct {
	MessageID       int64          `json:"message_id"`
	MessageThreadID int64          `json:"message_thread_id"`
	IsTopicMessage  bool           `json:"is_topic_message"`
	From            *wireUser      `json:"from"`
	Date            int64          `json:"date"`
	EditDate        int64          `json:"edit_date"`
	Chat            wireChat       `json:"chat"`
	ReplyToMessage  *wireReplied   `json:"reply_to_message"`
	ForwardOrigin   *wireOrigin    `json:"forward_origin"`
	MediaGroupID    string         `json:"media_group_id"`
	Text            string         `json:"text"`
	Entities        []wireEntity   `json:"entities"`
	Caption         string         `json:"caption"`
	CaptionEntities []wireEntity   `json:"caption_entities"`
	Photo           []wirePhoto    `json:"photo"`
	Document        *wireFile      `json:"document"`
	Video           *wireFile      `json:"video"`
	Animation       *wireFile      `json:"animation"`
	Voice           *wireFile      `json:"voice"`
	Audio           *wireFile      `json:"audio"`
	VideoNote       *wireVideoNote `json:"video_note"`
	MigrateToChatID int64          `json:"migrate_to_chat_id"`
}

// wireReplied is the part of a message's reply_to_message (a Message
// object, without its own reply_to_message) a reply needs.
type wireReplied struct {
	MessageID int64     `json:"message_id"`
	From      *wireUser `json:"from"`
}

// wireUser is the Bot API User object.
type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

// wireChat is the Bot API Chat object.
type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	IsForum   bool   `json:"is_forum"`
}

// wireEntity is the Bot API MessageEntity object. Offset and Length count
// UTF-16 code units.
type wireEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	URL    string `json:"url"`
}

// wireOrigin is the union of the Bot API MessageOrigin types
// (MessageOriginUser, MessageOriginHiddenUser, MessageOriginChat,
// MessageOriginChannel): each sets only its own fields.
type wireOrigin struct {
	Type            string    `json:"type"`
	Date            int64     `json:"date"`
	SenderUser      *wireUser `json:"sender_user"`
	SenderUserName  string    `json:"sender_user_name"`
	SenderChat      *wireChat `json:"sender_chat"`
	Chat            *wireChat `json:"chat"`
	MessageID       int64     `json:"message_id"`
	AuthorSignature string    `json:"author_signature"`
}

// wirePhoto is the Bot API PhotoSize object.
type wirePhoto struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int64  `json:"file_size"`
}

// wireFile is the union of the Bot API Document, Video, Animation, Voice
// and Audio objects: each sets only the fields it has.
type wireFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	Duration     int    `json:"duration"`
	FileName     string `json:"file_name"`
	MimeType     string `json:"mime_type"`
	FileSize     int64  `json:"file_size"`
	Performer    string `json:"performer"`
	Title        string `json:"title"`
}

// wireVideoNote is the Bot API VideoNote object: a round video whose width
// and height are both Length.
type wireVideoNote struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Length       int    `json:"length"`
	Duration     int    `json:"duration"`
	FileSize     int64  `json:"file_size"`
}

// wireChatMemberUpdated is the Bot API ChatMemberUpdated object, the
// payload of a my_chat_member update.
type wireChatMemberUpdated struct {
	Chat          wireChat       `json:"chat"`
	From          *wireUser      `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember wireChatMember `json:"old_chat_member"`
	NewChatMember wireChatMember `json:"new_chat_member"`
}

// wireChatMember is the union of the Bot API ChatMember types
// (ChatMemberOwner, ChatMemberAdministrator, ChatMemberMember,
// ChatMemberRestricted, ChatMemberLeft, ChatMemberBanned): status selects
// the variant, and only restricted members carry is_member.
type wireChatMember struct {
	Status          string    `json:"status"`
	User            *wireUser `json:"user"`
	IsMember        bool      `json:"is_member"`
	CanSendMessages bool      `json:"can_send_messages"`
	UntilDate       int64     `json:"until_date"`
}

// wireCallbackQuery is the Bot API CallbackQuery object. Message is a
// MaybeInaccessibleMessage: a Message, or an InaccessibleMessage that has
// only chat, message_id and a date of 0.
type wireCallbackQuery struct {
	ID              string               `json:"id"`
	From            *wireUser            `json:"from"`
	Message         *wireCallbackMessage `json:"message"`
	InlineMessageID string               `json:"inline_message_id"`
	ChatInstance    string               `json:"chat_instance"`
	Data            string               `json:"data"`
}

// wireCallbackMessage is the part of a MaybeInaccessibleMessage a button
// press needs.
type wireCallbackMessage struct {
	MessageID       int64    `json:"message_id"`
	MessageThreadID int64    `json:"message_thread_id"`
	IsTopicMessage  bool     `json:"is_topic_message"`
	Date            int64    `json:"date"`
	Chat            wireChat `json:"chat"`
}
