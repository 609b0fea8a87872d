// Command ferretdb-server runs FerretDB (PostgreSQL or SQLite backend) as a
// local, MongoDB-wire-compatible server bound to loopback only.
//
// It embeds github.com/FerretDB/FerretDB/ferretdb instead of building
// cmd/ferretdb, whose init panics without generated version files.
//
// Modes:
//
//	ferretdb-server -port 27017 -postgresql-url URL          serve until SIGTERM/SIGINT
//	ferretdb-server -port 27017 -backend sqlite -data-dir DIR  the same on SQLite
//	ferretdb-server -ping  -port 27017          exit 0 once the server answers `ping`
//	ferretdb-server -smoke -port 27017          run a functional check against it
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// envOr returns the environment variable's value, or def when unset/empty.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func main() {
	defPort, _ := strconv.Atoi(envOr("FERRETDB_PORT", "27017"))
	defSerialize, _ := strconv.ParseBool(envOr("FERRETDB_SERIALIZE", "true"))

	var (
		port      = flag.Int("port", defPort, "TCP port on 127.0.0.1 (env FERRETDB_PORT)")
		backend   = flag.String("backend", envOr("FERRETDB_BACKEND", "postgresql"), "postgresql or sqlite (env FERRETDB_BACKEND)")
		pgURL     = flag.String("postgresql-url", os.Getenv("FERRETDB_POSTGRESQL_URL"), "PostgreSQL connection URL for -backend postgresql (env FERRETDB_POSTGRESQL_URL)")
		dataDir   = flag.String("data-dir", os.Getenv("FERRETDB_DATA_DIR"), "SQLite data directory for -backend sqlite, created if missing (env FERRETDB_DATA_DIR)")
		logLevel  = flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "debug, info, warn or error (env FERRETDB_LOG_LEVEL)")
		serialize = flag.Bool("serialize", defSerialize, "run write commands one at a time so findAndModify/update are atomic (env FERRETDB_SERIALIZE)")
		ping      = flag.Bool("ping", false, "check that a server on -port answers `ping`, then exit")
		smoke     = flag.Bool("smoke", false, "run a functional check against a server on -port, then exit")
		timeout   = flag.Duration("timeout", 2*time.Second, "timeout for -ping")
	)
	flag.Parse()

	if *port <= 0 || *port > 65535 {
		fatalf("invalid port %d", *port)
	}

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))

	switch {
	case *ping:
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		defer cancel()
		if err := pingServer(ctx, addr); err != nil {
			fatalf("ping %s: %s", addr, err)
		}
		fmt.Printf("ok %s\n", addr)
	case *smoke:
		if err := runSmoke(addr); err != nil {
			fatalf("smoke: %s", err)
		}
	default:
		if err := serve(addr, *backend, *pgURL, *dataDir, *logLevel, *serialize); err != nil {
			fatalf("%s", err)
		}
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb-server: "+format+"\n", args...)
	os.Exit(1)
}

func serve(addr, backend, pgURL, dataDir, logLevel string, serialize bool) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("invalid log level %q", logLevel)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{Logger: logger, Handler: backend}
	var where string // for the log line; never includes a password

	switch backend {
	case "postgresql":
		if pgURL == "" {
			return errors.New("-postgresql-url (or FERRETDB_POSTGRESQL_URL) is required with -backend postgresql")
		}
		u, err := url.Parse(pgURL)
		if err != nil {
			return fmt.Errorf("invalid -postgresql-url: %w", err)
		}
		cfg.PostgreSQLURL = pgURL
		where = u.Redacted()

	case "sqlite":
		if dataDir == "" {
			return errors.New("-data-dir (or FERRETDB_DATA_DIR) is required with -backend sqlite")
		}
		dir, err := filepath.Abs(dataDir)
		if err != nil {
			return err
		}
		if err = os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		// The SQLite backend wants a file: URI naming an existing directory with a
		// trailing slash; url.URL takes care of escaping unusual characters.
		cfg.SQLiteURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
		where = dir

	default:
		return fmt.Errorf("invalid -backend %q: want postgresql or sqlite", backend)
	}

	// With -serialize, FerretDB listens on a private Unix socket and clients
	// reach it through serializingProxy on the public TCP address.
	var (
		front    net.Listener
		sockPath string
		err      error
	)
	if serialize {
		if front, err = net.Listen("tcp", addr); err != nil {
			return err
		}
		defer front.Close()

		if runtime.GOOS == "linux" {
			// Abstract socket: no file to leave behind if the process is killed.
			sockPath = fmt.Sprintf("@ferretdb-server-%d", os.Getpid())
		} else {
			sockDir, err := os.MkdirTemp("", "ferretdb-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(sockDir)
			sockPath = filepath.Join(sockDir, "backend.sock")
		}
		cfg.Listener.Unix = sockPath
	} else {
		cfg.Listener.TCP = addr
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if serialize {
		p := &serializingProxy{backend: sockPath, l: logger}
		go p.serve(ctx, front)
	}

	logger.Info("ferretdb-server listening", slog.String("addr", addr),
		slog.String("backend", backend), slog.String("data", where), slog.Bool("serialize", serialize))

	// Run returns after the context is cancelled and all client connections
	// and the backend (SQLite databases or PostgreSQL pool) are closed.
	if err = f.Run(ctx); err != nil {
		return err
	}

	logger.Info("ferretdb-server stopped")
	return nil
}

// aLongTimeAgo is a past deadline used to unblock pending reads.
var aLongTimeAgo = time.Unix(1, 0)

func mongoURI(addr string) string {
	return "mongodb://" + addr + "/?directConnection=true"
}
