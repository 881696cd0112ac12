package memnet

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

func TestListener(t *testing.T) {
	l := NewListener()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		io.Copy(c, c) // echo
		c.Close()
	}()
	c, err := l.DialContext(context.Background(), "tcp", "ignored:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ping" {
		t.Fatalf("echo = %q, %v", buf, err)
	}
	c.Close()
	if l.Addr().Network() != "memory" || l.Addr().String() != "memory" {
		t.Errorf("Addr = %v", l.Addr())
	}
	l.Close()
	l.Close() // twice is fine
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close: %v", err)
	}
	if _, err := l.DialContext(context.Background(), "", ""); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Dial after Close: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := NewListener().DialContext(ctx, "", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Dial with nobody accepting: %v", err)
	}
}
