package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/bench/e2e/peers"
	e2estore "github.com/tideway-go/tideway/bench/e2e/store"
	"github.com/tideway-go/tideway/bench/e2e/tidewayapp"
)

// The fasthttp benchmarks serve the two end-to-end routes of e2e.sh
// (GET /plaintext, GET /message/42) with the three fasthttp servers of
// bench/e2e: Tideway over adapters/fasthttp, a raw fasthttp handler and
// fiber v2. Each handler runs inside a fasthttp.Server, which reads the
// request, calls it and writes the response, so that what the adapter
// does and what it makes fasthttp do (headers it sets, the body it
// writes) are both counted:
//
//   - BenchmarkFasthttpServe drives the server's ServeConn with a fake
//     connection that hands it one request per Read and drops what it
//     writes: the server's and handler's work alone, no syscalls.
//   - BenchmarkFasthttpLoopback serves a real TCP connection over
//     loopback, one request at a time from a client in the same process:
//     syscalls, the netpoller and the connection deadlines the server's
//     timeouts set are counted too (and the client's work, the same for
//     every server).
//
// Every server is built with the settings of its e2e binary
// (fasthttpServers); BenchmarkFasthttpSettings serves the raw handler on
// each of those settings, to show what the settings alone cost.

// fasthttpRoutes are the routes of e2e.sh, as wrk sends them.
var fasthttpRoutes = []struct{ name, path, body, ctype string }{
	{"plaintext", "/plaintext", e2estore.Plaintext, "text/plain; charset=utf-8"},
	{"message", "/message/42", `{"contents":"hello","author":"ann"}`, "application/json"},
}

// fasthttpRequest is a request for path as wrk sends it.
func fasthttpRequest(path string) []byte {
	return []byte("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:18080\r\n\r\n")
}

// rawFasthttpHandler is the handler of bench/e2e/raw-fasthttp.
func rawFasthttpHandler(db *e2estore.Store) fasthttp.RequestHandler { return peers.RawFasthttp(db) }

// fiberApp is the app of bench/e2e/fiber, with cfg.
func fiberApp(db *e2estore.Store, cfg fiber.Config) *fiber.App {
	app := peers.Fiber(db, cfg)
	app.Handler() // builds the routes, as Listen does
	return app
}

// fasthttpSettings are the server settings the e2e servers have been run
// with, each applied to a handler.
var fasthttpSettings = []struct {
	name string
	make func(fasthttp.RequestHandler) *fasthttp.Server
}{
	// tfasthttp.ListenAndServe's: the read-header, read and idle
	// timeouts, a 64 KiB read buffer, a 32 MiB body limit, bodies
	// streamed, no Server header.
	{"listenandserve", func(h fasthttp.RequestHandler) *fasthttp.Server {
		return tfasthttp.NewServer(nil, tfasthttp.WithServer(func(s *fasthttp.Server) { s.Handler = h }))
	}},
	// fasthttp's defaults with ListenAndServe's read and idle timeouts.
	{"timeouts", func(h fasthttp.RequestHandler) *fasthttp.Server {
		return &fasthttp.Server{Handler: h, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	}},
	// fasthttp's defaults, as fiber's default config leaves them: no
	// timeouts, a 4 KiB read buffer (fiber sends no Server header).
	{"defaults", func(h fasthttp.RequestHandler) *fasthttp.Server {
		return &fasthttp.Server{Handler: h, NoDefaultServerHeader: true}
	}},
}

// benchServer names a way to build a server; each benchmark builds its
// own, since a fasthttp.Server does not serve again after Shutdown.
type benchServer struct {
	name string
	make func() *fasthttp.Server
	// listenAndServe, if set, serves over loopback in place of make's
	// server, as the e2e binary does, until ctx is done.
	listenAndServe func(ctx context.Context, ready func(net.Addr)) error
}

// fasthttpServers are the three servers of bench/e2e, each with the
// settings of its binary.
func fasthttpServers() []benchServer {
	return []benchServer{
		{"tideway", func() *fasthttp.Server { return tfasthttp.NewServer(tidewayapp.New()) },
			func(ctx context.Context, ready func(net.Addr)) error {
				return tfasthttp.ListenAndServe("127.0.0.1:0", tidewayapp.New(), tfasthttp.WithContext(ctx), tfasthttp.WithReady(ready))
			}},
		{"raw", func() *fasthttp.Server { return fasthttpSettings[0].make(rawFasthttpHandler(e2estore.New())) }, nil},
		{"fiber", func() *fasthttp.Server { return fiberServer(e2estore.New()) }, nil},
	}
}

// fiberServer is bench/e2e/fiber's server: fiber's own, with the settings
// of ListenAndServe that fiber.Config has and the read-header timeout set
// on the server it built.
func fiberServer(db *e2estore.Store) *fasthttp.Server {
	ref := fasthttpSettings[0].make(nil)
	app := fiberApp(db, fiber.Config{
		ReadTimeout:                  ref.ReadTimeout,
		IdleTimeout:                  ref.IdleTimeout,
		ReadBufferSize:               ref.ReadBufferSize,
		BodyLimit:                    ref.MaxRequestBodySize,
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
	})
	app.Server().HeaderReceived = ref.HeaderReceived
	return app.Server()
}

// fakeConn hands a server the same request on every Read, left times, then
// io.EOF, and keeps only the last response written.
type fakeConn struct {
	req  []byte
	left int
	out  []byte
}

func (c *fakeConn) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	c.left--
	c.out = c.out[:0]
	return copy(p, c.req), nil
}

func (c *fakeConn) Write(p []byte) (int, error) {
	c.out = append(c.out, p...)
	return len(p), nil
}

var fakeAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 18080}

func (c *fakeConn) Close() error                     { return nil }
func (c *fakeConn) LocalAddr() net.Addr              { return fakeAddr }
func (c *fakeConn) RemoteAddr() net.Addr             { return fakeAddr }
func (c *fakeConn) SetDeadline(time.Time) error      { return nil }
func (c *fakeConn) SetReadDeadline(time.Time) error  { return nil }
func (c *fakeConn) SetWriteDeadline(time.Time) error { return nil }

// serveFake has srv answer n requests for path on one fake connection and
// returns the last response.
func serveFake(srv *fasthttp.Server, path string, n int) ([]byte, error) {
	c := &fakeConn{req: fasthttpRequest(path), left: n}
	if err := srv.ServeConn(c); err != nil {
		return nil, err
	}
	return c.out, nil
}

// checkFasthttpResponse checks one raw response to route r.
func checkFasthttpResponse(raw []byte, body, ctype string) error {
	var resp fasthttp.Response
	if err := resp.Read(bufio.NewReader(bytes.NewReader(raw))); err != nil {
		return err
	}
	if resp.StatusCode() != fasthttp.StatusOK || string(resp.Body()) != body || string(resp.Header.ContentType()) != ctype {
		return errors.New("answered " + strconv.Itoa(resp.StatusCode()) + " " + string(resp.Header.ContentType()) + " " + strconv.Quote(string(resp.Body())))
	}
	return nil
}

// TestFasthttpServersAnswer checks that every server and setting of the
// fasthttp benchmarks answers both routes as e2e.sh expects, on the fake
// connection and over loopback.
func TestFasthttpServersAnswer(t *testing.T) {
	for _, s := range fasthttpBenchServers() {
		for _, r := range fasthttpRoutes {
			out, err := serveFake(s.make(), r.path, 3)
			if err == nil {
				err = checkFasthttpResponse(out, r.body, r.ctype)
			}
			if err != nil {
				t.Errorf("%s %s, fake connection: %v", s.name, r.name, err)
			}
			lb, err := newLoopback(s, r.path)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			for range 3 {
				if err = lb.roundTrip(); err != nil {
					break
				}
			}
			if err == nil {
				err = checkFasthttpResponse(lb.last, r.body, r.ctype)
			}
			if cerr := lb.close(); err == nil && cerr != nil {
				err = errors.New("stopping the server: " + cerr.Error())
			}
			if err != nil {
				t.Errorf("%s %s, loopback: %v", s.name, r.name, err)
			}
		}
	}
}

// fasthttpBenchServers are the e2e servers, then fiber in its default
// configuration and the raw handler on every setting (as "raw-<setting>").
func fasthttpBenchServers() []benchServer {
	all := fasthttpServers()
	all = append(all, benchServer{"fiber-default", func() *fasthttp.Server {
		return fiberApp(e2estore.New(), fiber.Config{}).Server()
	}, nil})
	for _, s := range fasthttpSettings {
		all = append(all, benchServer{"raw-" + s.name, func() *fasthttp.Server { return s.make(rawFasthttpHandler(e2estore.New())) }, nil})
	}
	return all
}

// BenchmarkFasthttpServe serves each route with each e2e server through
// ServeConn on a fake connection, b.N requests on one connection.
func BenchmarkFasthttpServe(b *testing.B) {
	for _, s := range fasthttpServers() {
		for _, r := range fasthttpRoutes {
			b.Run("server="+s.name+"/route="+r.name, func(b *testing.B) {
				srv := s.make()
				b.ReportAllocs()
				b.ResetTimer()
				out, err := serveFake(srv, r.path, b.N)
				b.StopTimer()
				if err == nil {
					err = checkFasthttpResponse(out, r.body, r.ctype)
				}
				if err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}

// BenchmarkFasthttpLoopback serves each route with each e2e server over a
// loopback TCP connection, one request at a time.
func BenchmarkFasthttpLoopback(b *testing.B) {
	benchLoopback(b, fasthttpServers())
}

// BenchmarkFasthttpSettings serves each route with fiber's default
// configuration and with the raw handler on each server setting, over
// loopback.
func BenchmarkFasthttpSettings(b *testing.B) {
	benchLoopback(b, fasthttpBenchServers()[3:])
}

func benchLoopback(b *testing.B, servers []benchServer) {
	for _, s := range servers {
		for _, r := range fasthttpRoutes {
			b.Run("server="+s.name+"/route="+r.name, func(b *testing.B) {
				lb, err := newLoopback(s, r.path)
				if err != nil {
					b.Fatal(err)
				}
				defer lb.close()
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					if err := lb.roundTrip(); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if err := checkFasthttpResponse(lb.last, r.body, r.ctype); err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}

// loopback is a server listening on 127.0.0.1 and one client connection
// to it.
type loopback struct {
	stop context.CancelFunc
	done chan error
	conn net.Conn
	br   *bufio.Reader
	req  []byte
	resp fasthttp.Response
	last []byte // the last response, as read
}

func newLoopback(s benchServer, path string) (*loopback, error) {
	serve := s.listenAndServe
	if serve == nil {
		srv := s.make()
		serve = func(ctx context.Context, ready func(net.Addr)) error {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			ready(ln.Addr())
			go func() {
				<-ctx.Done()
				srv.Shutdown() //nolint:errcheck // Serve's error is the one reported
			}()
			return srv.Serve(ln)
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	lb := &loopback{stop: stop, done: make(chan error, 1), req: fasthttpRequest(path)}
	addr := make(chan net.Addr, 1)
	go func() { lb.done <- serve(ctx, func(a net.Addr) { addr <- a }) }()
	var a net.Addr
	select {
	case a = <-addr:
	case err := <-lb.done:
		stop()
		return nil, err
	}
	var err error
	lb.conn, err = net.Dial("tcp", a.String())
	if err != nil {
		lb.close()
		return nil, err
	}
	lb.br = bufio.NewReader(lb.conn)
	return lb, nil
}

// roundTrip sends the request and reads the whole response.
func (lb *loopback) roundTrip() error {
	if _, err := lb.conn.Write(lb.req); err != nil {
		return err
	}
	lb.resp.Reset()
	if err := lb.resp.Read(lb.br); err != nil {
		return err
	}
	lb.last = lb.resp.Header.AppendBytes(lb.last[:0])
	lb.last = append(lb.last, lb.resp.Body()...)
	return nil
}

// close closes the connection and stops the server.
func (lb *loopback) close() error {
	if lb.conn != nil {
		lb.conn.Close()
	}
	lb.stop()
	return <-lb.done
}
