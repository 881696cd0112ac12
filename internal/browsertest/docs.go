package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DocsCheck checks the API reference page of package apidocs against the
// OpenAPI document it shows, through a real browser:
//
//	s := browsertest.Open(t)
//	check := browsertest.DocsCheck{BaseURL: srv.URL}
//	err := check.Run(ctx, s,
//		browsertest.Try{Op: "POST /message", Body: `{"contents":"hi"}`, Status: 201},
//		browsertest.Try{Op: "GET /message/{id}", Params: map[string]string{"id": "1"}, Status: 200, Contains: "hi"},
//	)
type DocsCheck struct {
	// BaseURL is the server's root, such as "http://127.0.0.1:4321".
	BaseURL string
	// DocsPath is where the page is served; "/docs" by default.
	DocsPath string
	// SpecPath is where the OpenAPI document is served; "/openapi.json"
	// by default.
	SpecPath string
	// Timeout bounds each wait: for the page to show the document, for
	// each form to open and each answer to come. 30 seconds by default.
	Timeout time.Duration
}

// Try is one request sent through the form of one operation.
type Try struct {
	// Op names the operation as "METHOD /path", the path as in the
	// document: "GET /message/{id}".
	Op string
	// Params are typed into the inputs of the parameters they name (path,
	// query or header); the others are left empty.
	Params map[string]string
	// Body replaces the example the page fills in; empty sends the
	// example.
	Body string
	// Status is the status the page must show.
	Status int
	// Contains, unless empty, must be in the response body the page shows.
	Contains string
}

func (c DocsCheck) withDefaults() DocsCheck {
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.DocsPath == "" {
		c.DocsPath = "/docs"
	}
	if c.SpecPath == "" {
		c.SpecPath = "/openapi.json"
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	return c
}

// Run checks that the page lists every operation of the document and
// nothing else (Listed), then sends each try in order (Send).
func (c DocsCheck) Run(ctx context.Context, s *Session, tries ...Try) error {
	if err := c.Listed(ctx, s); err != nil {
		return err
	}
	for _, t := range tries {
		if _, err := c.Send(ctx, s, t); err != nil {
			return err
		}
	}
	return nil
}

// Listed fetches the document, loads the page, waits until it has shown
// the document, and returns an error naming every operation of the
// document the page does not list and every one it lists that the
// document does not have.
func (c DocsCheck) Listed(ctx context.Context, s *Session) error {
	c = c.withDefaults()
	want, err := c.specOperations(ctx)
	if err != nil {
		return err
	}
	if err := c.Load(ctx, s); err != nil {
		return err
	}
	var shown []struct {
		Op      string `json:"op"`
		Summary string `json:"summary"`
	}
	err = s.Execute(ctx, &shown, `return Array.from(document.querySelectorAll("details.op"), function (d) {
		return {op: d.dataset.op || "", summary: d.querySelector("summary") ? d.querySelector("summary").innerText : ""};
	});`)
	if err != nil {
		return err
	}
	var got []string
	var problems []string
	for _, sh := range shown {
		got = append(got, sh.Op)
		method, path, _ := strings.Cut(sh.Op, " ")
		if !strings.Contains(sh.Summary, method) || !strings.Contains(sh.Summary, path) {
			problems = append(problems, fmt.Sprintf("%s is listed as %q", sh.Op, sh.Summary))
		}
	}
	slices.Sort(got)
	for _, op := range want {
		if i, ok := slices.BinarySearch(got, op); ok {
			got = slices.Delete(got, i, i+1)
		} else {
			problems = append(problems, op+" is not listed")
		}
	}
	for _, op := range got {
		problems = append(problems, op+" is listed but not in the document")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s%s: %s", c.BaseURL, c.DocsPath, strings.Join(problems, "; "))
	}
	return nil
}

// Load navigates to the page and waits until it has shown the document;
// it returns the page's own message when it could not.
func (c DocsCheck) Load(ctx context.Context, s *Session) error {
	c = c.withDefaults()
	if err := s.Navigate(ctx, c.BaseURL+c.DocsPath); err != nil {
		return err
	}
	if _, err := s.WaitFind(ctx, c.Timeout, "body[data-state=ready], body[data-state=error]"); err != nil {
		return fmt.Errorf("%s%s did not show the document: %w", c.BaseURL, c.DocsPath, err)
	}
	if _, err := s.Find(ctx, "body[data-state=ready]"); err != nil {
		status := "(no status)"
		if el, err := s.Find(ctx, "#status"); err == nil {
			status, _ = el.Text(ctx)
		}
		return fmt.Errorf("%s%s: %s", c.BaseURL, c.DocsPath, status)
	}
	return nil
}

// Send opens the form of t.Op on the page already loaded (by Load,
// Listed or Run), fills it in, sends it, waits for the answer and returns the body
// the page shows, with an error unless the page shows t.Status and a body
// holding t.Contains.
func (c DocsCheck) Send(ctx context.Context, s *Session, t Try) (string, error) {
	c = c.withDefaults()
	op := `details.op[data-op=` + cssString(t.Op) + `]`
	details, err := s.Find(ctx, op)
	if err != nil {
		return "", fmt.Errorf("%s: not on the page: %w", t.Op, err)
	}
	var open bool
	if err := details.Property(ctx, "open", &open); err != nil {
		return "", err
	}
	if !open {
		summary, err := details.Find(ctx, "summary")
		if err != nil {
			return "", fmt.Errorf("%s: %w", t.Op, err)
		}
		if err := summary.Click(ctx); err != nil {
			return "", fmt.Errorf("%s: open: %w", t.Op, err)
		}
	}
	form, err := s.WaitFind(ctx, c.Timeout, op+`[open] form.try`)
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.Op, err)
	}
	names := make([]string, 0, len(t.Params))
	for name := range t.Params {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		input, err := form.Find(ctx, `input.param[data-name=`+cssString(name)+`]`)
		if err != nil {
			return "", fmt.Errorf("%s: no input for parameter %q: %w", t.Op, name, err)
		}
		if err := input.Clear(ctx); err != nil {
			return "", err
		}
		if err := input.SendKeys(ctx, t.Params[name]); err != nil {
			return "", err
		}
	}
	if t.Body != "" {
		area, err := form.Find(ctx, "textarea.body")
		if err != nil {
			return "", fmt.Errorf("%s: no body to fill in: %w", t.Op, err)
		}
		if err := area.Clear(ctx); err != nil {
			return "", err
		}
		if err := area.SendKeys(ctx, t.Body); err != nil {
			return "", err
		}
	}
	result, err := form.Find(ctx, ".result")
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.Op, err)
	}
	// Forget an earlier answer, so that the wait below sees this one.
	if err := s.Execute(ctx, nil, `arguments[0].removeAttribute("data-state")`, result); err != nil {
		return "", err
	}
	send, err := form.Find(ctx, "button.send")
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.Op, err)
	}
	if err := send.Click(ctx); err != nil {
		return "", fmt.Errorf("%s: send: %w", t.Op, err)
	}
	var state string
	err = WaitUntil(ctx, c.Timeout, func(ctx context.Context) (bool, error) {
		var ok bool
		state, ok, err = result.Attribute(ctx, "data-state")
		return ok && (state == "done" || state == "error"), err
	})
	if err != nil {
		return "", fmt.Errorf("%s: no answer shown: %w", t.Op, err)
	}
	if state == "error" {
		msg, _ := result.Text(ctx)
		return "", fmt.Errorf("%s: %s", t.Op, msg)
	}
	status, _, err := result.Attribute(ctx, "data-status")
	if err != nil {
		return "", err
	}
	bodyEl, err := result.Find(ctx, ".rbody")
	if err != nil {
		return "", err
	}
	body, err := bodyEl.Text(ctx)
	if err != nil {
		return "", err
	}
	if status != strconv.Itoa(t.Status) {
		return body, fmt.Errorf("%s: the page shows status %s, want %d; body: %.300s", t.Op, status, t.Status, body)
	}
	if !strings.Contains(body, t.Contains) {
		return body, fmt.Errorf("%s: the body shown lacks %q: %.300s", t.Op, t.Contains, body)
	}
	return body, nil
}

// maxSpec bounds the OpenAPI document DocsCheck reads.
const maxSpec = 16 << 20

// specOperations fetches the document and lists its operations.
func (c DocsCheck) specOperations(ctx context.Context) ([]string, error) {
	u := c.BaseURL + c.SpecPath
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxSpec+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	if len(raw) > maxSpec {
		return nil, fmt.Errorf("GET %s: over %d bytes", u, maxSpec)
	}
	ops, err := Operations(raw)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	return ops, nil
}

// methods are the operations a path item may have, in OpenAPI's order.
var methods = [...]string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Operations lists the operations of an OpenAPI 3.x document as
// "METHOD /path", sorted, as the apidocs page lists them: path items
// given by a local $ref are followed; one that cannot be is left out.
func Operations(spec []byte) ([]string, error) {
	var doc map[string]any
	if err := json.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("not an OpenAPI document: %w", err)
	}
	paths, _ := doc["paths"].(map[string]any)
	var ops []string
	for path, v := range paths {
		item, ok := deref(doc, v).(map[string]any)
		if !ok {
			continue
		}
		for _, m := range methods {
			if _, ok := item[m].(map[string]any); ok {
				ops = append(ops, strings.ToUpper(m)+" "+path)
			}
		}
	}
	slices.Sort(ops)
	return ops, nil
}

// deref follows a chain of local $refs from v, at most 20 long, and
// returns what it ends on, or nil.
func deref(doc map[string]any, v any) any {
	for range 20 {
		obj, ok := v.(map[string]any)
		if !ok {
			return v
		}
		ref, ok := obj["$ref"].(string)
		if !ok {
			return v
		}
		v = pointer(doc, ref)
	}
	return nil
}

// pointer resolves a local JSON pointer such as "#/components/pathItems/X",
// or returns nil.
func pointer(doc map[string]any, ref string) any {
	rest, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil
	}
	var node any = doc
	if rest == "" {
		return node
	}
	if rest[0] != '/' {
		return nil
	}
	for part := range strings.SplitSeq(rest[1:], "/") {
		key, err := url.PathUnescape(part)
		if err != nil {
			return nil
		}
		key = strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			if node, ok = n[key]; !ok {
				return nil
			}
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(n) || strconv.Itoa(i) != key {
				return nil
			}
			node = n[i]
		default:
			return nil
		}
	}
	return node
}

// cssString quotes s as a CSS string, for attribute selectors.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
