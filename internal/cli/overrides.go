package cli

import (
	"flag"

	"github.com/digest-news/digest/internal/config"
)

// overrides are the flags that override keys of digest.toml. A command
// defines the ones it takes; loadConfig applies those given, each checked
// as the file's key would be.
type overrides struct {
	baseURL, content, out, addr *string
}

// Names of the overriding flags, for define.
const (
	flagBaseURL = "base-url"
	flagContent = "content"
	flagOut     = "out"
	flagAddr    = "addr"
)

func (o *overrides) define(fs *flag.FlagSet, names ...string) {
	for _, n := range names {
		switch n {
		case flagBaseURL:
			o.baseURL = fs.String(n, "", "the site's absolute URL (overrides base_url)")
		case flagContent:
			o.content = fs.String(n, "", "the content folder (overrides build.content_dir; default content)")
		case flagOut:
			o.out = fs.String(n, "", "the output folder, replaced whole by every build (overrides build.output_dir; default public)")
		case flagAddr:
			o.addr = fs.String(n, "", "host:port to serve on; 0.0.0.0:PORT serves the whole network (overrides serve.addr; default 127.0.0.1:1313)")
		}
	}
}

// apply sets the given flags on cfg. A bad value is a usage error naming
// the flag.
func (o *overrides) apply(cfg *config.Config) error {
	for _, f := range []struct {
		name string
		val  *string
		key  *string
	}{
		{flagBaseURL, o.baseURL, &cfg.BaseURL},
		{flagContent, o.content, &cfg.Build.ContentDir},
		{flagOut, o.out, &cfg.Build.OutputDir},
		{flagAddr, o.addr, &cfg.Serve.Addr},
	} {
		if f.val == nil || *f.val == "" {
			continue
		}
		*f.key = *f.val
		if err := cfg.Validate("--"+f.name, nil); err != nil {
			return usageError{err.Error()}
		}
	}
	return nil
}

// loadConfigWith reads the site's configuration and applies the flags
// that override it.
func (e *env) loadConfigWith(o *overrides) (config.Config, error) {
	cfg, err := e.loadConfig()
	if err != nil {
		return cfg, err
	}
	if err := o.apply(&cfg); err != nil {
		return cfg, err
	}
	e.contentDir = e.path(cfg.Build.ContentDir)
	return cfg, nil
}
