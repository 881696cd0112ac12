package adaptertest

import (
	"context"
	"net"
	"sync"
)

// memListener is a net.Listener whose connections are in-memory pipes
// (net.Pipe), dialled by the test's client: a server runs on it in
// process, with no socket.
type memListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

var _ net.Listener = (*memListener)(nil)

func newMemListener() *memListener {
	return &memListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept waits for the next connection dialled with DialContext.
func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept; connections already made stay open.
func (l *memListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns the pipe's address.
func (l *memListener) Addr() net.Addr { return memAddr{} }

// DialContext connects to the listener; it has the signature of
// http.Transport.DialContext and ignores the address.
func (l *memListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
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

// memAddr is the address of both ends of a memListener's connections.
type memAddr struct{}

func (memAddr) Network() string { return "memory" }
func (memAddr) String() string  { return "memory" }
