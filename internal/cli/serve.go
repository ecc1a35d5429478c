package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/digest-news/digest/internal/site"
)

func serveCommand() *command {
	return &command{
		name: "serve", args: "",
		short: "build the site and serve it locally for preview",
		long: `
Builds the site into a temporary folder and serves it on 127.0.0.1 only
(never on all interfaces unless --addr says so). Ctrl-C stops it.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			contentDir := fs.String("content", "content", "the content folder")
			addr := fs.String("addr", "127.0.0.1:1313", "address to listen on")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
				}
				cfg, err := e.loadConfig()
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", *addr)
				if err != nil {
					return fmt.Errorf("listen on %s: %w (is another server using the port? choose one with --addr)", *addr, err)
				}
				cfg.BaseURL = "http://" + ln.Addr().String() + "/"
				tmp, err := os.MkdirTemp("", "digest-serve-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				out := filepath.Join(tmp, "public")
				stats, err := site.Build(ctx, e.siteOptions(cfg, *contentDir, out, false))
				if err != nil {
					ln.Close()
					return err
				}
				e.printf("serve: %s\nserve: http://%s/ (Ctrl-C to stop)\n", stats, ln.Addr())
				srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
				go func() {
					<-ctx.Done()
					sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
					defer cancel()
					srv.Shutdown(sctx)
				}()
				if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
					return err
				}
				return nil
			}
		},
	}
}
