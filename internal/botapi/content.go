package botapi

// unsupportedKinds are the message content kinds tiprelay does not take as
// evidence, in the order they are checked: venue comes before location
// because a venue message also carries its location.
var unsupportedKinds = []string{
	"sticker",
	"poll",
	"venue",
	"location",
	"contact",
	"dice",
	"game",
	"story",
	"invoice",
	"paid_media",
	"giveaway",
	"giveaway_winners",
	"checklist",
}

// serviceKinds are the keys of service messages: events in the chat that
// carry no content from a person.
var serviceKinds = map[string]bool{
	"new_chat_members":                  true,
	"left_chat_member":                  true,
	"new_chat_title":                    true,
	"new_chat_photo":                    true,
	"delete_chat_photo":                 true,
	"group_chat_created":                true,
	"supergroup_chat_created":           true,
	"channel_chat_created":              true,
	"message_auto_delete_timer_changed": true,
	"migrate_to_chat_id":                true,
	"migrate_from_chat_id":              true,
	"pinned_message":                    true,
	"successful_payment":                true,
	"refunded_payment":                  true,
	"users_shared":                      true,
	"user_shared":                       true,
	"chat_shared":                       true,
	"gift":                              true,
	"unique_gift":                       true,
	"gift_upgrade_sent":                 true,
	"connected_website":                 true,
	"write_access_allowed":              true,
	"passport_data":                     true,
	"proximity_alert_triggered":         true,
	"boost_added":                       true,
	"chat_background_set":               true,
	"checklist_tasks_done":              true,
	"checklist_tasks_added":             true,
	"direct_message_price_changed":      true,
	"forum_topic_created":               true,
	"forum_topic_edited":                true,
	"forum_topic_closed":                true,
	"forum_topic_reopened":              true,
	"general_forum_topic_hidden":        true,
	"general_forum_topic_unhidden":      true,
	"giveaway_created":                  true,
	"giveaway_completed":                true,
	"paid_message_price_changed":        true,
	"chat_owner_left":                   true,
	"chat_owner_changed":                true,
	"suggested_post_approved":           true,
	"suggested_post_approval_failed":    true,
	"suggested_post_declined":           true,
	"suggested_post_paid":               true,
	"suggested_post_refunded":           true,
	"video_chat_scheduled":              true,
	"video_chat_started":                true,
	"video_chat_ended":                  true,
	"video_chat_participants_invited":   true,
	"voice_chat_scheduled":              true,
	"voice_chat_started":                true,
	"voice_chat_ended":                  true,
	"voice_chat_participants_invited":   true,
	"web_app_data":                      true,
}

// knownFields are the message keys that describe a message rather than
// being its content: metadata, text, and the supported attachments. A key
// outside this set, the unsupported kinds and the service kinds is content
// of a kind added to the Bot API after this code was written.
var knownFields = map[string]bool{
	"message_id": true, "message_thread_id": true, "direct_messages_topic": true,
	"from": true, "sender_chat": true, "sender_boost_count": true,
	"sender_business_bot": true, "sender_tag": true, "date": true,
	"business_connection_id": true, "chat": true, "forward_origin": true,
	"is_topic_message": true, "is_automatic_forward": true,
	"reply_to_message": true, "external_reply": true, "quote": true,
	"reply_to_story": true, "reply_to_checklist_task_id": true,
	"reply_to_poll_option_id": true, "via_bot": true, "edit_date": true,
	"has_protected_content": true, "is_from_offline": true, "is_paid_post": true,
	"media_group_id": true, "author_signature": true, "paid_star_count": true,
	"text": true, "entities": true, "link_preview_options": true,
	"suggested_post_info": true, "effect_id": true, "caption": true,
	"caption_entities": true, "show_caption_above_media": true,
	"has_media_spoiler": true, "reply_markup": true, "guest_query_id": true,
	"guest_bot_caller_user": true, "guest_bot_caller_chat": true,
	// Forward fields of Bot API 6.x, replaced by forward_origin in 7.0.
	"forward_from": true, "forward_from_chat": true,
	"forward_from_message_id": true, "forward_signature": true,
	"forward_sender_name": true, "forward_date": true,
	// Supported attachments.
	"photo": true, "document": true, "video": true, "animation": true,
	"voice": true, "audio": true, "video_note": true,
}

// content is what the top-level keys of a message say about its kind.
type content struct {
	// unsupported is the first unsupported kind present, or "".
	unsupported string
	// service is true when a service key is present.
	service bool
	// unknown is the first key, in the order sent, that no list above
	// knows, or "".
	unknown string
}

// classify looks at the keys of a message object, in the order sent.
func classify(keys []string) content {
	var c content
	present := make(map[string]bool, len(keys))
	for _, k := range keys {
		present[k] = true
		if serviceKinds[k] {
			c.service = true
		}
		if c.unknown == "" && !knownFields[k] && !serviceKinds[k] && !isUnsupported(k) {
			c.unknown = k
		}
	}
	for _, k := range unsupportedKinds {
		if present[k] {
			c.unsupported = k
			break
		}
	}
	return c
}

func isUnsupported(key string) bool {
	for _, k := range unsupportedKinds {
		if k == key {
			return true
		}
	}
	return false
}
