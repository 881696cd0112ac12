// Package memnet has a net.Listener whose connections are in-memory pipes,
// for running a real server in process with no socket.
package memnet

import (
	"context"
	"net"
	"sync"
)

// Listener is a net.Listener whose connections are in-memory pipes
// (net.Pipe), dialled by the test's client: a server runs on it in
// process, with no socket.
type Listener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

var _ net.Listener = (*Listener)(nil)

// NewListener returns a Listener ready to accept connections.
func NewListener() *Listener {
	return &Listener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept waits for the next connection dialled with DialContext.
func (l *Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept; connections already made stay open.
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns the pipe's address.
func (l *Listener) Addr() net.Addr { return memAddr{} }

// DialContext connects to the listener; it has the signature of
// http.Transport.DialContext and ignores the address.
func (l *Listener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		err := net.ErrClosed
		client.Close()
		server.Close()
		return nil, err
	case <-ctx.Done():
		client.Close()
		server.Close()
		return nil, ctx.Err()
	}
}

// memAddr is the address of both ends of a Listener's connections.
type memAddr struct{}

func (memAddr) Network() string { return "memory" }
func (memAddr) String() string  { return "memory" }
