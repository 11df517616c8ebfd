package botapi

import "strings"

// parseCommand returns the bot command that starts text, or nil. A command
// is recognised only as Telegram marks it: the first entity is a
// bot_command at offset 0. "/ID@TipRelay_Bot  42 " gives Name "id",
// BotUsername "TipRelay_Bot" and Args "42".
func parseCommand(text string, entities []wireEntity) *Command {
	if len(entities) == 0 {
		return nil
	}
	e := entities[0]
	if e.Type != "bot_command" || e.Offset != 0 {
		return nil
	}
	r := byteRanges(text, []span{{offset: e.Offset, length: e.Length}})[0]
	if !r.ok {
		return nil
	}
	word, ok := strings.CutPrefix(text[:r.end], "/")
	if !ok {
		return nil
	}
	name, bot, _ := strings.Cut(word, "@")
	if name == "" {
		return nil
	}
	return &Command{
		Name:        strings.ToLower(name),
		BotUsername: bot,
		Args:        strings.TrimSpace(text[r.end:]),
	}
}
