package lifecycle

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })}
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, "127.0.0.1:0", Server{Serve: srv.Serve, Shutdown: srv.Shutdown, Closed: http.ErrServerClosed},
			func(a net.Addr) { ready <- a }, time.Second)
	}()
	res, err := http.Get("http://" + (<-ready).String())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v after a graceful stop", err)
	}
}

func TestRunErrors(t *testing.T) {
	if err := Run(context.Background(), "256.0.0.1:bad", Server{}, nil, time.Second); err == nil {
		t.Error("no error for a bad address")
	}
	boom := errors.New("boom")
	err := Run(context.Background(), "127.0.0.1:0", Server{
		Serve:    func(net.Listener) error { return boom },
		Shutdown: func(context.Context) error { return nil },
	}, nil, time.Second)
	if !errors.Is(err, boom) {
		t.Errorf("Run = %v, want the Serve error", err)
	}
}
