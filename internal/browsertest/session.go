package browsertest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// HeadlessArgs returns the Chromium flags every session uses, with
// userDataDir as a fresh profile: headless, no sandbox (tests often run as
// root in containers), no GPU, and none of the background traffic (QUIC,
// first-run, component updates, sync) that makes Chromium wait on refused
// connections when the machine has no network. Chromium talks to
// chromedriver over a pipe rather than a port, so it quits when
// chromedriver goes, however chromedriver ends.
func HeadlessArgs(userDataDir string) []string {
	return []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-quic",
		"--no-first-run",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--disable-dev-shm-usage",
		"--remote-debugging-pipe",
		"--window-size=1280,1024",
		"--user-data-dir=" + userDataDir,
	}
}

// Session is one browser, opened by Driver.NewSession.
type Session struct {
	d    *Driver
	id   string
	path string // "/session/{id}"
}

// elementKey is the W3C name of an element reference in JSON.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// Element is a reference to an element of the session's current page.
type Element struct {
	s  *Session
	id string
}

// NewSession starts a headless Chromium with HeadlessArgs and a new
// profile directory.
func (d *Driver) NewSession(ctx context.Context) (*Session, error) {
	d.mu.Lock()
	closed := d.closed
	d.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("browsertest: driver is closed")
	}
	profile, err := os.MkdirTemp(d.dir, "profile-")
	if err != nil {
		return nil, err
	}
	opts := map[string]any{"args": HeadlessArgs(profile)}
	if d.chromium != "" {
		opts["binary"] = d.chromium
	}
	in := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":        "chrome",
		"goog:chromeOptions": opts,
		"pageLoadStrategy":   "normal",
	}}}
	var out struct {
		SessionID string `json:"sessionId"`
	}
	if err := d.do(ctx, "POST", "/session", in, &out); err != nil {
		return nil, fmt.Errorf("new session: %w\n%s", err, d.Log())
	}
	if out.SessionID == "" {
		return nil, fmt.Errorf("new session: no session id in the answer")
	}
	s := &Session{d: d, id: out.SessionID, path: "/session/" + url.PathEscape(out.SessionID)}
	d.mu.Lock()
	d.sessions[s] = true
	d.mu.Unlock()
	return s, nil
}

// Delete closes the browser. Deleting a deleted session does nothing.
func (s *Session) Delete(ctx context.Context) error {
	s.d.mu.Lock()
	open := s.d.sessions[s]
	delete(s.d.sessions, s)
	s.d.mu.Unlock()
	if !open {
		return nil
	}
	return s.d.do(ctx, "DELETE", s.path, nil, nil)
}

// Navigate loads url and waits for the page's load event.
func (s *Session) Navigate(ctx context.Context, url string) error {
	return s.d.do(ctx, "POST", s.path+"/url", map[string]string{"url": url}, nil)
}

// Find returns the first element matching the CSS selector, or an *Error
// for which IsNoSuchElement is true.
func (s *Session) Find(ctx context.Context, css string) (*Element, error) {
	return s.find(ctx, s.path, css)
}

// FindAll returns every element matching the CSS selector, possibly none.
func (s *Session) FindAll(ctx context.Context, css string) ([]*Element, error) {
	return s.findAll(ctx, s.path, css)
}

// WaitFind polls until an element matches the CSS selector, for at most
// timeout.
func (s *Session) WaitFind(ctx context.Context, timeout time.Duration, css string) (*Element, error) {
	var el *Element
	err := WaitUntil(ctx, timeout, func(ctx context.Context) (bool, error) {
		var err error
		el, err = s.Find(ctx, css)
		if IsNoSuchElement(err) {
			return false, nil
		}
		return err == nil, err
	})
	if err != nil {
		return nil, fmt.Errorf("waiting for %q: %w", css, err)
	}
	return el, nil
}

// Execute runs script as the body of a function with args (available as
// arguments[0], ...) in the page and decodes what it returns into out,
// unless out is nil. Elements may be passed as args.
func (s *Session) Execute(ctx context.Context, out any, script string, args ...any) error {
	if args == nil {
		args = []any{}
	}
	for i, a := range args {
		if el, ok := a.(*Element); ok {
			args[i] = map[string]string{elementKey: el.id}
		}
	}
	return s.d.do(ctx, "POST", s.path+"/execute/sync", map[string]any{"script": script, "args": args}, out)
}

// Screenshot returns a PNG of the viewport.
func (s *Session) Screenshot(ctx context.Context) ([]byte, error) {
	var b64 string
	if err := s.d.do(ctx, "GET", s.path+"/screenshot", nil, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

// SaveScreenshot writes a PNG of the viewport to dir/name and returns its
// path: for a test that failed, to look at what the browser showed.
func (s *Session) SaveScreenshot(ctx context.Context, dir, name string) (string, error) {
	png, err := s.Screenshot(ctx)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, png, 0o644)
}

func (s *Session) find(ctx context.Context, from, css string) (*Element, error) {
	var ref map[string]string
	if err := s.d.do(ctx, "POST", from+"/element", map[string]string{"using": "css selector", "value": css}, &ref); err != nil {
		return nil, err
	}
	id := ref[elementKey]
	if id == "" {
		return nil, fmt.Errorf("webdriver: no element reference in the answer for %q", css)
	}
	return &Element{s: s, id: id}, nil
}

func (s *Session) findAll(ctx context.Context, from, css string) ([]*Element, error) {
	var refs []map[string]string
	if err := s.d.do(ctx, "POST", from+"/elements", map[string]string{"using": "css selector", "value": css}, &refs); err != nil {
		return nil, err
	}
	els := make([]*Element, 0, len(refs))
	for _, ref := range refs {
		if id := ref[elementKey]; id != "" {
			els = append(els, &Element{s: s, id: id})
		}
	}
	return els, nil
}

func (e *Element) path() string { return e.s.path + "/element/" + url.PathEscape(e.id) }

// Find returns the first element inside e matching the CSS selector.
func (e *Element) Find(ctx context.Context, css string) (*Element, error) {
	return e.s.find(ctx, e.path(), css)
}

// FindAll returns every element inside e matching the CSS selector.
func (e *Element) FindAll(ctx context.Context, css string) ([]*Element, error) {
	return e.s.findAll(ctx, e.path(), css)
}

// Click scrolls e into view and clicks it.
func (e *Element) Click(ctx context.Context) error {
	return e.s.d.do(ctx, "POST", e.path()+"/click", struct{}{}, nil)
}

// Clear empties an input or textarea.
func (e *Element) Clear(ctx context.Context) error {
	return e.s.d.do(ctx, "POST", e.path()+"/clear", struct{}{}, nil)
}

// SendKeys types text into e, after what it already holds.
func (e *Element) SendKeys(ctx context.Context, text string) error {
	return e.s.d.do(ctx, "POST", e.path()+"/value", map[string]string{"text": text}, nil)
}

// Text returns e's rendered text, as a user sees it.
func (e *Element) Text(ctx context.Context) (string, error) {
	var s string
	err := e.s.d.do(ctx, "GET", e.path()+"/text", nil, &s)
	return s, err
}

// Attribute returns e's attribute name, and false when e has none.
func (e *Element) Attribute(ctx context.Context, name string) (string, bool, error) {
	var v *string
	if err := e.s.d.do(ctx, "GET", e.path()+"/attribute/"+url.PathEscape(name), nil, &v); err != nil {
		return "", false, err
	}
	if v == nil {
		return "", false, nil
	}
	return *v, true, nil
}

// Property decodes e's DOM property name (such as "value" or "open")
// into out.
func (e *Element) Property(ctx context.Context, name string, out any) error {
	var raw json.RawMessage
	if err := e.s.d.do(ctx, "GET", e.path()+"/property/"+url.PathEscape(name), nil, &raw); err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}
