// Command ferretdb runs an embedded FerretDB v1 (MongoDB wire protocol, SQLite backend)
// for tests and local development. See tests/services/start-ferretdb.sh.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen", env("FERRETDB_LISTEN", "127.0.0.1:27017"), "TCP listen address (env FERRETDB_LISTEN)")
	dataDir := flag.String("data", env("FERRETDB_DATA", "./data"), "SQLite data directory (env FERRETDB_DATA)")
	level := flag.String("log-level", env("FERRETDB_LOG_LEVEL", "warn"), "debug|info|warn|error (env FERRETDB_LOG_LEVEL)")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		lvl = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	dir, err := filepath.Abs(*dataDir)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		logger.Error("data directory", "error", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		logger.Error("ferretdb.New", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Warn("FerretDB listening", "listen", *listen, "data", dir)
	if err := f.Run(ctx); err != nil {
		logger.Error("ferretdb.Run", "error", err)
		os.Exit(1)
	}
}
