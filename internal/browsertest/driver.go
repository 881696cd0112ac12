package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNotInstalled is wrapped by the error Start returns when Chromium or
// chromedriver cannot be found.
var ErrNotInstalled = errors.New("chromium or chromedriver is not installed (run scripts/install-chromium)")

// Config says which programs Start runs. The zero Config finds both.
type Config struct {
	// Chromium is the browser binary; by default "chromium" on PATH, else
	// /usr/bin/chromium.
	Chromium string
	// Chromedriver is the driver binary; by default "chromedriver" on
	// PATH, else /usr/bin/chromedriver.
	Chromedriver string
	// CommandTimeout bounds each WebDriver command whose context has no
	// deadline; 60 seconds by default (starting a browser on a busy
	// machine is slow).
	CommandTimeout time.Duration
}

// Driver is a running chromedriver. Close stops it.
type Driver struct {
	url      string // http://127.0.0.1:port, no trailing slash
	client   *http.Client
	timeout  time.Duration
	chromium string
	cmd      *exec.Cmd // nil for a driver that this package did not start
	exited   chan struct{}
	log      *tail
	dir      string // holds the sessions' profile directories

	mu       sync.Mutex
	sessions map[*Session]bool // not yet deleted
	closed   bool
}

// Find returns the paths of Chromium and chromedriver as cfg names them or
// as they are found, or an error wrapping ErrNotInstalled.
func Find(cfg Config) (chromium, chromedriver string, err error) {
	chromium, err1 := find(cfg.Chromium, "chromium", "/usr/bin/chromium")
	chromedriver, err2 := find(cfg.Chromedriver, "chromedriver", "/usr/bin/chromedriver")
	if err := errors.Join(err1, err2); err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrNotInstalled, err)
	}
	return chromium, chromedriver, nil
}

// find returns path if set (checked), else name on PATH, else fallback.
func find(path, name, fallback string) (string, error) {
	if path != "" {
		if _, err := exec.LookPath(path); err != nil {
			return "", err
		}
		return path, nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	if _, err := exec.LookPath(fallback); err != nil {
		return "", fmt.Errorf("%s: not on PATH and not at %s", name, fallback)
	}
	return fallback, nil
}

// Start runs chromedriver on a free loopback port and waits until it is
// ready, or until ctx is done.
func Start(ctx context.Context, cfg Config) (*Driver, error) {
	chromium, chromedriver, err := Find(cfg)
	if err != nil {
		return nil, err
	}
	timeout := cfg.CommandTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	dir, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		return nil, err
	}
	// The port is chosen by listening on :0 and closing again, so another
	// process may take it first; chromedriver then exits and we retry.
	for attempt := 0; ; attempt++ {
		d, err := launch(ctx, chromedriver, chromium, dir, timeout)
		if err == nil {
			return d, nil
		}
		if attempt == 2 || ctx.Err() != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

func launch(ctx context.Context, chromedriver, chromium, dir string, timeout time.Duration) (*Driver, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	log := &tail{max: 16 << 10}
	cmd := exec.Command(chromedriver, "--port="+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = log, log
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", chromedriver, err)
	}
	d := &Driver{
		url:      "http://127.0.0.1:" + strconv.Itoa(port),
		client:   &http.Client{Transport: &http.Transport{Proxy: nil, DisableCompression: true}},
		timeout:  timeout,
		chromium: chromium,
		cmd:      cmd,
		exited:   make(chan struct{}),
		log:      log,
		dir:      dir,
		sessions: map[*Session]bool{},
	}
	go func() { cmd.Wait(); close(d.exited) }()
	if err := d.waitReady(ctx, 20*time.Second); err != nil {
		d.stop()
		return nil, err
	}
	return d, nil
}

// waitReady polls /status until chromedriver says it is ready.
func (d *Driver) waitReady(ctx context.Context, timeout time.Duration) error {
	var last error
	err := WaitUntil(ctx, timeout, func(ctx context.Context) (bool, error) {
		select {
		case <-d.exited:
			return false, fmt.Errorf("chromedriver exited: %s", d.log)
		default:
		}
		var st struct {
			Ready bool `json:"ready"`
		}
		if last = d.do(ctx, http.MethodGet, "/status", nil, &st); last != nil {
			return false, nil
		}
		return st.Ready, nil
	})
	if err != nil && last != nil {
		err = fmt.Errorf("%w (last: %v)", err, last)
	}
	return err
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Close deletes the sessions still open, stops chromedriver and every
// process it started, and removes the profile directories. It is safe to
// call more than once.
func (d *Driver) Close() error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil
	}
	d.closed = true
	open := make([]*Session, 0, len(d.sessions))
	for s := range d.sessions {
		open = append(open, s)
	}
	d.mu.Unlock()
	var errs []error
	for _, s := range open {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		errs = append(errs, s.Delete(ctx))
		cancel()
	}
	d.stop()
	return errors.Join(errs...)
}

// stop kills chromedriver (with its process group) and removes d.dir.
func (d *Driver) stop() {
	if d.cmd != nil && d.cmd.Process != nil {
		killProcessGroup(d.cmd)
		select {
		case <-d.exited:
		case <-time.After(10 * time.Second):
		}
	}
	if d.dir != "" {
		os.RemoveAll(d.dir)
	}
}

// Log returns the last lines chromedriver wrote, for failure messages.
func (d *Driver) Log() string { return d.log.String() }

// Error is an error answered by the WebDriver endpoint.
type Error struct {
	Status  int    // the HTTP status
	Code    string // the W3C error code, such as "no such element"
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("webdriver: %s (%d): %s", e.Code, e.Status, e.Message)
}

// IsNoSuchElement reports whether err is WebDriver's "no such element".
func IsNoSuchElement(err error) bool {
	var we *Error
	return errors.As(err, &we) && we.Code == "no such element"
}

// maxResponse bounds a WebDriver answer (screenshots are the largest).
const maxResponse = 64 << 20

// do sends one WebDriver command and decodes the "value" of its answer
// into out (when out is not nil).
func (d *Driver) do(ctx context.Context, method, path string, in, out any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d.timeout)
		defer cancel()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.url+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxResponse+1))
	if err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	if len(raw) > maxResponse {
		return fmt.Errorf("webdriver %s %s: answer over %d bytes", method, path, maxResponse)
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("webdriver %s %s: %d, not JSON: %.200q", method, path, res.StatusCode, raw)
	}
	if res.StatusCode != http.StatusOK {
		var we struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(env.Value, &we) // a malformed error still reports the status
		return &Error{Status: res.StatusCode, Code: we.Error, Message: firstLine(we.Message)}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Value, out); err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	return nil
}

// firstLine cuts s at its first newline: chromedriver appends a long
// system description to its messages.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
