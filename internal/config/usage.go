package config

import (
	"fmt"
	"io"
)

// Usage writes every setting to w: its flag, environment variable and YAML
// key, its default, and one line of help.
func Usage(w io.Writer) {
	fmt.Fprintf(w, `Settings, lowest to highest precedence: defaults, the YAML file
(--config or %s), %s* environment variables, flags.
An empty value is the same as none. Flags take one or two dashes.

  --%s FILE, %s
        YAML file with the settings below (optional; keys as shown)
`, envConfig, "TIPRELAY_", flagConfig, envConfig)
	for _, o := range options() {
		names := o.env + ", " + o.key
		if o.flag != "" {
			names = "--" + o.flag + ", " + names
		}
		label := o.show
		if o.def != "" {
			label = "default " + o.def
		}
		fmt.Fprintf(w, "  %s (%s)\n        %s\n", names, label, o.help)
	}
}
