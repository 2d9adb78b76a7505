// Package lambdaruntime is the Go function wrapper: an HTTP server (standard library only) that invokes a user
// handler and exposes the contract's function metrics. build.sh compiles it with the user's package.
package lambdaruntime

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// processStart is taken while the Go runtime initialises packages, a few milliseconds after exec.
var processStart = time.Now()

func newLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.LevelKey {
				return slog.String(slog.LevelKey, strings.ToLower(a.Value.String()))
			}
			return a
		},
	}))
}

// Main runs the wrapper around handler (the exported function named name) until SIGTERM; a bad env contract exits
// with status 2.
func Main(name string, handler Handler) {
	log := newLogger()
	config, err := readConfigFromEnv(name)
	if err != nil {
		log.Error("configuration error: " + err.Error())
		os.Exit(2)
	}
	w := &wrapper{config: config, handler: handler, metrics: newFunctionMetrics(config.FunctionName, config.Namespace), log: log}
	listener, err := net.Listen("tcp", net.JoinHostPort(config.ListenAddress, strconv.Itoa(config.Port)))
	if err != nil {
		log.Error("listen failed: " + err.Error())
		os.Exit(1)
	}
	initSeconds := time.Since(processStart).Seconds()
	w.metrics.recordInit(initSeconds)
	log.Info("listening", "function", config.FunctionName, "namespace", config.Namespace, "runtime", runtimeName,
		"address", config.ListenAddress, "port", config.Port, "init_duration_ms", int(initSeconds*1000))
	server := &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
		<-signals
		ctx, cancel := context.WithTimeout(context.Background(), config.Timeout)
		defer cancel()
		_ = server.Shutdown(ctx)
	}()
	if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serve failed: " + err.Error())
		os.Exit(1)
	}
}
