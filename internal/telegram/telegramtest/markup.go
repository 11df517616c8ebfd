package telegramtest

import (
	"encoding/json"
	"strings"
)

// maxCallbackData is Telegram's limit on a button's callback_data, in bytes.
const maxCallbackData = 64

// InlineButton is a button of an inline keyboard (Bot API type
// InlineKeyboardButton, the fields the emulator reads).
type InlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

// InlineKeyboard returns the inline keyboard of m, one slice per row, or nil
// when it has none.
func (m Message) InlineKeyboard() [][]InlineButton {
	var kb struct {
		Rows [][]InlineButton `json:"inline_keyboard"`
	}
	if len(m.ReplyMarkup) == 0 || json.Unmarshal(m.ReplyMarkup, &kb) != nil {
		return nil
	}
	return kb.Rows
}

// Button returns the first button of m's inline keyboard whose text
// contains part (case-insensitive), and whether there is one.
func (m Message) Button(part string) (InlineButton, bool) {
	for _, row := range m.InlineKeyboard() {
		for _, b := range row {
			if strings.Contains(strings.ToLower(b.Text), strings.ToLower(part)) {
				return b, true
			}
		}
	}
	return InlineButton{}, false
}

// buttonActions are the fields of which an inline keyboard button must
// carry exactly one besides its text.
var buttonActions = []string{
	"callback_data", "url", "web_app", "login_url", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
	"copy_text", "callback_game", "pay",
}

// checkMarkup validates the reply_markup parameter the way Telegram does
// for every method that takes one: valid JSON, and for an inline keyboard
// an array of rows of buttons, each with a non-blank text and an action,
// callback_data of 1 to 64 bytes.
func checkMarkup(p *params) *apiError {
	raw := strings.TrimSpace(p.str("reply_markup"))
	if raw == "" {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(raw), &obj) != nil {
		return badRequest("can't parse reply keyboard markup JSON object")
	}
	rowsRaw, ok := obj["inline_keyboard"]
	if !ok {
		return nil
	}
	var rows [][]map[string]json.RawMessage
	if json.Unmarshal(rowsRaw, &rows) != nil {
		return badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
	}
	for _, row := range rows {
		for _, b := range row {
			if err := checkButton(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkButton(b map[string]json.RawMessage) *apiError {
	var text string
	if json.Unmarshal(b["text"], &text) != nil {
		return badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	if strings.TrimSpace(text) == "" {
		return badRequest("BUTTON_TEXT_INVALID")
	}
	action := false
	for _, f := range buttonActions {
		if _, ok := b[f]; ok && f != "callback_data" {
			action = true
		}
	}
	if raw, ok := b["callback_data"]; ok {
		var data string
		if json.Unmarshal(raw, &data) != nil {
			return badRequest("can't parse inline keyboard button: Field \"callback_data\" must be of type String")
		}
		if len(data) > maxCallbackData {
			return badRequest("BUTTON_DATA_INVALID")
		}
		action = action || data != "" // an empty callback_data is no action
	}
	if !action {
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	return nil
}
