package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// setting is one value of one setting and where it came from.
type setting struct {
	value string
	// source is empty for the environment, "default", "--flag" or
	// "key in file".
	source string
}

// Load builds the configuration from defaults, the YAML file named by
// --config or TIPRELAY_CONFIG (optional), the TIPRELAY_* variables read
// with getenv, and the flags in args (the arguments after the sub-command),
// each overriding the one before. An empty value is the same as none.
//
// The bot token and its file are one setting: the highest source that sets
// either wins, and setting both in the same source is an error. There is
// no flag for the token itself, since flags show in ps.
//
// Load validates the result (see Validate) and creates the database
// directory if missing. It returns flag.ErrHelp for -h or --help, so that
// the caller can print Usage; any other problem returns Errors with one line
// per problem, and the zero Config. Positional arguments are an error.
func Load(args []string, getenv func(string) string) (Config, error) {
	fs := flag.NewFlagSet("tiprelay", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return load(fs, args, getenv, true, false)
}

// LoadFlagSet is Load with the caller's flag set, so that a sub-command can
// define flags of its own (digest --since) next to the configuration flags.
// fs should use flag.ContinueOnError and must not already define a flag of
// Usage's list (flag panics on a redefinition); positional arguments are
// left in fs.Args for the caller.
func LoadFlagSet(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	return load(fs, args, getenv, false, false)
}

// LoadOffline is LoadFlagSet for a command that never calls Telegram and
// only reads or copies an existing database (printing a digest, export,
// backup): the bot token and the relay chat are not required (a token
// given is still checked), and no directory is created.
func LoadOffline(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	return load(fs, args, getenv, false, true)
}

// load implements Load, LoadFlagSet and LoadOffline; noArgs makes
// positional arguments an error, offline drops what only talking to
// Telegram needs.
func load(fs *flag.FlagSet, args []string, getenv func(string) string, noArgs, offline bool) (Config, error) {
	opts := options()
	byKey := make(map[string]option, len(opts))
	for _, o := range opts {
		byKey[o.key] = o
	}
	cl, err := parseFlags(fs, args, opts)
	if err != nil {
		return Config{}, err
	}
	var errs Errors
	if noArgs && fs.NArg() > 0 {
		errs.add(fmt.Errorf("unexpected argument %q: only flags may follow the sub-command", fs.Arg(0)))
	}

	// The layers, lowest first: the YAML file (named by the flag or else
	// the environment), the environment, the flags.
	path, pathSource := strings.TrimSpace(getenv(envConfig)), ""
	if cl.configPath != "" {
		path, pathSource = cl.configPath, "--"+flagConfig
	}
	layers := make([]map[string]setting, 0, 3)
	if path != "" {
		fromFile, err := readYAML(path, byKey)
		errs.add(field(envConfig, pathSource, err))
		layers = append(layers, fromFile)
	}
	layers = append(layers, fromEnv(opts, getenv), cl.settings)
	secrets := redactor{}
	for _, layer := range layers {
		secrets = secrets.with(layer[keyBotToken].value).with(layer[keyWebhookSecret].value)
	}

	merged, failed, mergeErrs := merge(layers)
	errs.add(mergeErrs)
	c, applyErrs := apply(opts, byKey, merged, failed)
	c.File = path
	errs.add(applyErrs)
	for _, err := range validateFrom(c, opts, merged, failed) {
		if offline && onlineOnly(err) {
			continue
		}
		errs.add(err)
	}
	// The directory is created only for a configuration that is otherwise
	// sound: a rejected one leaves no trace on disk.
	if !offline && len(errs) == 0 && c.DBPath != "" {
		if err := checkDBDir(c.DBPath); err != nil {
			errs.add(&FieldError{Env: envDBPath, Source: sourceOf(byKey["db_path"], merged), Err: err})
		}
	}
	if len(errs) > 0 {
		return Config{}, secrets.with(c.BotToken).with(c.WebhookSecret).errors(errs)
	}
	return c, nil
}

// CheckOnline returns what a configuration loaded with LoadOffline lacks
// to talk to Telegram (the token, the relay chat), one line each, or nil.
func (c Config) CheckOnline() error {
	var errs Errors
	var all Errors
	all.add(c.Validate())
	for _, err := range all {
		if onlineOnly(err) {
			errs.add(err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// onlineOnly reports whether err is a missing setting that only a command
// talking to Telegram needs: the token and the relay chat.
func onlineOnly(err error) bool {
	var fe *FieldError
	return errors.As(err, &fe) && errors.Is(fe.Err, ErrRequired) &&
		(fe.Env == envBotToken || fe.Env == "TIPRELAY_RELAY_CHAT_ID" || fe.Env == "TIPRELAY_DIGEST_CHAT_IDS")
}

// commandLine is what the flags set: settings, and the YAML file.
type commandLine struct {
	settings   map[string]setting
	configPath string
}

// parseFlags defines a flag per option that has one, and --config, on fs
// and parses args. It returns flag.ErrHelp for -h or --help.
func parseFlags(fs *flag.FlagSet, args []string, opts []option) (commandLine, error) {
	flags := map[string]*string{}
	for _, o := range opts {
		if o.flag != "" {
			flags[o.flag] = fs.String(o.flag, "", o.help)
		}
	}
	configFlag := fs.String(flagConfig, "", "YAML configuration file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return commandLine{}, flag.ErrHelp
		}
		return commandLine{}, Errors{redactor{}.error(flagError(err))}
	}
	cl := commandLine{settings: map[string]setting{}}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == flagConfig {
			// An empty value is the same as none, as for every flag.
			cl.configPath = strings.TrimSpace(*configFlag)
		}
		if v, ok := flags[f.Name]; ok && strings.TrimSpace(*v) != "" {
			for _, o := range opts {
				if o.flag == f.Name {
					cl.settings[o.key] = setting{value: *v, source: "--" + f.Name}
				}
			}
		}
	})
	return cl, nil
}

// fromEnv reads the TIPRELAY_* variables of opts.
func fromEnv(opts []option, getenv func(string) string) map[string]setting {
	env := map[string]setting{}
	for _, o := range opts {
		if v := getenv(o.env); strings.TrimSpace(v) != "" {
			env[o.key] = setting{value: v}
		}
	}
	return env
}

// apply sets every option of a new Config from merged, or from its
// default, and derives the digest chats from the relay chat when none are
// set. Settings that fail to parse are added to failed.
func apply(opts []option, byKey map[string]option, merged map[string]setting, failed map[string]bool) (Config, Errors) {
	var errs Errors
	var c Config
	for _, o := range opts {
		s, ok := merged[o.key]
		if !ok {
			s = setting{value: o.def, source: "default"}
		}
		if err := o.set(&c, s.value); err != nil {
			errs.add(field(o.env, s.source, err))
			failed[o.env] = true
			if o.key == keyBotTokenFile {
				failed[envBotToken] = true // no token: the file is the problem
			}
			if o.key == keyRegionsFile {
				failed[envRegions] = true // no gazetteer to check the keys against
			}
		}
	}
	if len(c.DigestChats) == 0 && !failed[byKey["digest_chat_ids"].env] {
		if c.RelayChat == (tip.Target{}) {
			failed[byKey["digest_chat_ids"].env] = true // reported as the relay chat
		} else {
			c.DigestChats = []tip.Target{c.RelayChat}
		}
	}
	return c, errs
}

// merge applies the layers in order, each overriding the one before. The
// token and its file count as one setting: a layer that sets either replaces
// both, and a layer that sets both is an error. failed holds the env names
// already reported, so that Validate does not report them again.
func merge(layers []map[string]setting) (map[string]setting, map[string]bool, Errors) {
	merged := map[string]setting{}
	failed := map[string]bool{}
	var errs Errors
	for _, layer := range layers {
		tok, hasTok := layer[keyBotToken]
		_, hasFile := layer[keyBotTokenFile]
		if hasTok || hasFile {
			delete(merged, keyBotToken)
			delete(merged, keyBotTokenFile)
		}
		if hasTok && hasFile {
			errs.add(&FieldError{Env: envBotToken, Source: tok.source,
				Err: clause("and " + envBotTokenFile + " are both set: keep only one")})
			failed[envBotToken] = true
		}
		for k, s := range layer {
			if !(hasTok && hasFile && (k == keyBotToken || k == keyBotTokenFile)) {
				merged[k] = s
			}
		}
	}
	return merged, failed, errs
}

// validateFrom runs Validate on c, drops problems with settings already
// reported, and names the source of each remaining one.
func validateFrom(c Config, opts []option, merged map[string]setting, failed map[string]bool) Errors {
	var out Errors
	var all Errors
	all.add(c.Validate())
	for _, err := range all {
		var fe *FieldError
		if !errors.As(err, &fe) {
			out.add(err)
			continue
		}
		if failed[fe.Env] {
			continue
		}
		for _, o := range opts {
			if o.env == fe.Env && fe.Source == "" && !errors.Is(fe.Err, ErrRequired) {
				fe.Source = sourceOf(o, merged)
			}
		}
		if fe.Env == envBotToken && merged[keyBotToken].value == "" && !errors.Is(fe.Err, ErrRequired) {
			if f, ok := merged[keyBotTokenFile]; ok {
				fe.Source = "read from " + describe(envBotTokenFile, f.source)
			}
		}
		out.add(fe)
	}
	return out
}

// sourceOf names where the value of o came from: empty for the
// environment, else the flag, file key or "default".
func sourceOf(o option, merged map[string]setting) string {
	if s, ok := merged[o.key]; ok {
		return s.source
	}
	return "default"
}

// describe names a setting by its source: the env name itself for the
// environment, else the flag or file key.
func describe(env, source string) string {
	if source == "" {
		return env
	}
	return source
}

// flagError explains a flag parse error; the message never holds a flag's
// value.
func flagError(err error) error {
	if strings.HasSuffix(err.Error(), "-bot-token") {
		return fmt.Errorf("%w (there is no token flag, it would show in ps: use %s or --bot-token-file)", err, envBotToken)
	}
	return err
}
