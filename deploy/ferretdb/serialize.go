package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
)

// serializingProxy forwards the MongoDB wire protocol from public TCP
// connections to FerretDB's private Unix socket, letting reads and inserts
// run concurrently but every other write command only one at a time.
//
// Why: FerretDB v1 implements findAndModify/update/delete as "query, modify in
// Go, write back by _id" without a transaction, so two concurrent conditional
// updates can both match and both write (lost update). With a single such
// writer at a time each of those commands becomes atomic. An insert reads
// nothing first: the backend inserts each document on its own and its unique
// _id index refuses a duplicate, so inserts need no turn of their own, and the
// services' hot paths only insert.
//
// FerretDB answers every request with exactly one reply (it ignores the
// moreToCome flag), so the proxy does the same: one message in, one out.
type serializingProxy struct {
	backend string // Unix socket path
	l       *slog.Logger
	mu      sync.RWMutex
}

const (
	opReply = 1
	opQuery = 2004
	opMsg   = 2013

	// FerretDB rejects messages over 48,000,000 bytes anyway; keep some slack.
	maxMessageLen = 48_000_000 + 64*1024
)

// sharedCommands never read-modify-write a document, so they may share the lock:
// reads, and inserts (see serializingProxy).
var sharedCommands = map[string]bool{
	"insert": true,
	"aggregate": true, "buildinfo": true, "collstats": true, "connectionstatus": true,
	"count": true, "currentop": true, "datasize": true, "dbstats": true, "distinct": true,
	"explain": true, "find": true, "getcmdlineopts": true, "getfreemonitoringstatus": true,
	"getlog": true, "getmore": true, "getparameter": true, "hello": true, "hostinfo": true,
	"ismaster": true, "killcursors": true, "listcollections": true, "listcommands": true,
	"listdatabases": true, "listindexes": true, "ping": true, "serverstatus": true,
	"validate": true, "whatsmyuri": true, "saslstart": true, "saslcontinue": true,
	"logout": true, "endsessions": true,
}

func (p *serializingProxy) serve(ctx context.Context, ln net.Listener) {
	go func() {
		<-ctx.Done()
		ln.Close()
	}()

	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() == nil {
				p.l.Warn("proxy accept failed", slog.String("error", err.Error()))
				continue
			}
			return
		}
		go p.handle(ctx, c)
	}
}

func (p *serializingProxy) handle(ctx context.Context, client net.Conn) {
	defer client.Close()

	backend, err := net.Dial("unix", p.backend)
	if err != nil {
		p.l.Error("proxy cannot reach backend", slog.String("error", err.Error()))
		return
	}
	defer backend.Close()

	// On shutdown, unblock an idle read from the client; a request already
	// being processed still gets its reply written.
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			_ = client.SetReadDeadline(aLongTimeAgo)
		case <-done:
		}
	}()

	cr := bufio.NewReader(client)
	br := bufio.NewReader(backend)

	for {
		req, err := readMessage(cr)
		if err != nil {
			if !errors.Is(err, io.EOF) && ctx.Err() == nil {
				p.l.Debug("proxy client read", slog.String("error", err.Error()))
			}
			return
		}

		res, err := p.roundTrip(req, backend, br)
		if err != nil {
			p.l.Warn("proxy backend round trip", slog.String("error", err.Error()))
			return
		}

		if _, err = client.Write(res); err != nil {
			return
		}
	}
}

// roundTrip sends one request to FerretDB and reads its single reply while
// holding the shared or exclusive lock as the command requires.
func (p *serializingProxy) roundTrip(req []byte, backend net.Conn, br *bufio.Reader) ([]byte, error) {
	if isShared(req) {
		p.mu.RLock()
		defer p.mu.RUnlock()
	} else {
		p.mu.Lock()
		defer p.mu.Unlock()
	}

	if _, err := backend.Write(req); err != nil {
		return nil, err
	}
	return readMessage(br)
}

// readMessage reads one length-prefixed wire protocol message.
func readMessage(r *bufio.Reader) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}

	n := int(int32(binary.LittleEndian.Uint32(hdr[:])))
	if n < 16 || n > maxMessageLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}

	msg := make([]byte, n)
	copy(msg, hdr[:])
	if _, err := io.ReadFull(r, msg[4:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// isShared reports whether the message is a command that may run beside others.
// Anything it cannot parse is treated as a serialised write (the safe choice).
func isShared(msg []byte) bool {
	switch binary.LittleEndian.Uint32(msg[12:16]) {
	case opQuery:
		// Legacy OP_QUERY is only used by drivers for the initial handshake.
		return true
	case opMsg:
		name := opMsgCommand(msg[16:])
		return name != "" && sharedCommands[strings.ToLower(name)]
	default:
		return false
	}
}

// opMsgCommand returns the first key of the OP_MSG body (kind 0) section.
func opMsgCommand(b []byte) string {
	if len(b) < 4 {
		return ""
	}
	b = b[4:] // flagBits

	for len(b) > 0 {
		kind := b[0]
		b = b[1:]

		if len(b) < 4 {
			return ""
		}
		size := int(int32(binary.LittleEndian.Uint32(b)))
		if size < 5 || size > len(b) {
			return ""
		}

		if kind == 0 {
			// BSON document: int32 size, then elements (type byte, cstring key, value).
			doc := b[:size]
			if len(doc) < 6 || doc[4] == 0 {
				return ""
			}
			key := doc[5:]
			if i := bytes.IndexByte(key, 0); i > 0 {
				return string(key[:i])
			}
			return ""
		}

		// kind 1 (document sequence): int32 size covers the whole section.
		b = b[size:]
	}

	return ""
}
