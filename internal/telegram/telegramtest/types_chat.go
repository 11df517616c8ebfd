package telegramtest

import "encoding/json"

// Chat types as they appear in Chat.Type.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
	ChatChannel    = "channel"
)

// Member statuses as they appear in ChatMember.Status.
const (
	StatusCreator       = "creator"
	StatusAdministrator = "administrator"
	StatusMember        = "member"
	StatusRestricted    = "restricted"
	StatusLeft          = "left"
	StatusKicked        = "kicked"
)

// User is a Telegram user or bot (Bot API type User).
type User struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
	IsPremium    bool   `json:"is_premium,omitempty"`
}

// Chat is a private chat, group, supergroup or channel (Bot API type Chat).
// Set IsForum on a supergroup to enable topics (see Server.AddTopic).
type Chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	IsForum   bool   `json:"is_forum,omitempty"`
}

// ChatFullInfo is the answer of getChat (Bot API type ChatFullInfo, the
// fields the emulator knows).
type ChatFullInfo struct {
	Chat
	AccentColorID    int  `json:"accent_color_id"`
	MaxReactionCount int  `json:"max_reaction_count"`
	HasProtected     bool `json:"has_protected_content,omitempty"`
}

// ChatMember describes a user's membership of a chat (Bot API union
// ChatMember, flattened; Status selects the variant).
type ChatMember struct {
	Status              string `json:"status"`
	User                User   `json:"user"`
	IsAnonymous         bool   `json:"is_anonymous,omitempty"`
	CustomTitle         string `json:"custom_title,omitempty"`
	CanBeEdited         bool   `json:"can_be_edited,omitempty"`
	CanManageChat       bool   `json:"can_manage_chat,omitempty"`
	CanDeleteMessages   bool   `json:"can_delete_messages,omitempty"`
	CanPostMessages     bool   `json:"can_post_messages,omitempty"`
	CanEditMessages     bool   `json:"can_edit_messages,omitempty"`
	CanPinMessages      bool   `json:"can_pin_messages,omitempty"`
	CanManageTopics     bool   `json:"can_manage_topics,omitempty"`
	CanRestrictMembers  bool   `json:"can_restrict_members,omitempty"`
	CanInviteUsers      bool   `json:"can_invite_users,omitempty"`
	CanPromoteMembers   bool   `json:"can_promote_members,omitempty"`
	CanChangeInfo       bool   `json:"can_change_info,omitempty"`
	CanManageVideoChats bool   `json:"can_manage_video_chats,omitempty"`
	// IsMember is set for a restricted member who is still in the chat.
	IsMember  bool  `json:"is_member,omitempty"`
	UntilDate int64 `json:"until_date,omitempty"`
}

// ChatMemberUpdated is the payload of my_chat_member and chat_member updates.
type ChatMemberUpdated struct {
	Chat          Chat       `json:"chat"`
	From          User       `json:"from"`
	Date          int64      `json:"date"`
	OldChatMember ChatMember `json:"old_chat_member"`
	NewChatMember ChatMember `json:"new_chat_member"`
}

// CallbackQuery is a press on an inline keyboard button.
type CallbackQuery struct {
	ID              string   `json:"id"`
	From            User     `json:"from"`
	Message         *Message `json:"message,omitempty"`
	InlineMessageID string   `json:"inline_message_id,omitempty"`
	ChatInstance    string   `json:"chat_instance"`
	Data            string   `json:"data,omitempty"`
}

// Update is one incoming update (Bot API type Update, the kinds the emulator
// builds itself; use Server.InjectRawUpdate for anything else).
type Update struct {
	UpdateID          int64              `json:"update_id"`
	Message           *Message           `json:"message,omitempty"`
	EditedMessage     *Message           `json:"edited_message,omitempty"`
	ChannelPost       *Message           `json:"channel_post,omitempty"`
	EditedChannelPost *Message           `json:"edited_channel_post,omitempty"`
	CallbackQuery     *CallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember      *ChatMemberUpdated `json:"my_chat_member,omitempty"`
	ChatMember        *ChatMemberUpdated `json:"chat_member,omitempty"`
}

// BotCommand is one entry of the bot's command menu.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// BotCommandScope selects the users a command list applies to. Type is one
// of default, all_private_chats, all_group_chats, all_chat_administrators,
// chat, chat_administrators and chat_member; the zero value means default.
type BotCommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

// MessageID is the result of copyMessage, copyMessages and forwardMessages.
type MessageID struct {
	MessageID int64 `json:"message_id"`
}

// File is the result of getFile.
type File struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int64  `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

// WebhookInfo is the result of getWebhookInfo.
type WebhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}

// rawMarkup returns m if it holds an inline keyboard, the only reply markup
// Telegram echoes back in a Message, or nil.
func rawMarkup(m json.RawMessage) json.RawMessage {
	var probe struct {
		Inline json.RawMessage `json:"inline_keyboard"`
	}
	if len(m) == 0 || json.Unmarshal(m, &probe) != nil || len(probe.Inline) == 0 {
		return nil
	}
	return m
}
