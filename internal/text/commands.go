package text

// Command is a bot command and its description for Telegram's menu.
type Command struct {
	Name        string
	Description string
}

// PrivateCommands are shown in private chats with staff.
func (c Catalog) PrivateCommands() []Command {
	return []Command{
		{"start", c.m.cmdStart},
		{"help", c.m.cmdHelp},
		{"id", c.m.cmdID},
	}
}

// AdminCommands are shown in an admin's private chat.
func (c Catalog) AdminCommands() []Command {
	return append(c.PrivateCommands(),
		Command{"staff_add", c.m.cmdStaffAdd},
		Command{"staff_remove", c.m.cmdStaffRemove},
		Command{"staff_list", c.m.cmdStaffList},
		Command{"relay_retry", c.m.cmdRelayRetry},
		Command{"digest", c.m.cmdDigest},
	)
}

// GroupCommands are shown in groups.
func (c Catalog) GroupCommands() []Command {
	return []Command{
		{"id", c.m.cmdID},
		{"help", c.m.cmdHelp},
		{"digest", c.m.cmdDigest},
	}
}
