package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// page is a small form whose script reacts to a click, to drive every
// command of Session and Element against a real Chromium.
const page = `<!doctype html>
<title>browsertest</title>
<form id="f"><input id="name" value="x"><textarea id="t"></textarea>
<button id="go" type="submit" data-kind="primary">Go</button></form>
<p id="out"></p>
<script>
document.getElementById("f").addEventListener("submit", function (ev) {
  ev.preventDefault();
  setTimeout(function () {
    document.getElementById("out").textContent = "hello, " + document.getElementById("name").value;
    document.body.dataset.done = "yes";
  }, 300);
});
</script>`

// TestChromium drives a real headless Chromium, or skips without one.
func TestChromium(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	s := Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Navigate(ctx, srv.URL))
	name, err := s.Find(ctx, "#name")
	must(err)
	var value string
	must(name.Property(ctx, "value", &value))
	if value != "x" {
		t.Errorf("value property = %q, want x", value)
	}
	must(name.Clear(ctx))
	must(name.SendKeys(ctx, "<ann & \"bo\">"))
	area, err := s.Find(ctx, "form textarea")
	must(err)
	must(area.SendKeys(ctx, "{\"a\": [1, 2]}\nline two"))
	must(area.Property(ctx, "value", &value))
	if value != "{\"a\": [1, 2]}\nline two" {
		t.Errorf("textarea value = %q", value)
	}
	button, err := s.Find(ctx, "#go")
	must(err)
	kind, ok, err := button.Attribute(ctx, "data-kind")
	must(err)
	if kind != "primary" || !ok {
		t.Errorf("data-kind = %q, %v; want primary, true", kind, ok)
	}
	if _, ok, err := button.Attribute(ctx, "data-missing"); ok || err != nil {
		t.Errorf("missing attribute: ok %v, err %v; want false, nil", ok, err)
	}
	must(button.Click(ctx))
	if _, err := s.WaitFind(ctx, 20*time.Second, "body[data-done=yes]"); err != nil {
		t.Fatal(err)
	}
	out, err := s.Find(ctx, "#out")
	must(err)
	text, err := out.Text(ctx)
	must(err)
	if text != `hello, <ann & "bo">` {
		t.Errorf("text = %q", text)
	}

	form, err := s.Find(ctx, "#f")
	must(err)
	inside, err := form.FindAll(ctx, "input, textarea")
	must(err)
	if len(inside) != 2 {
		t.Errorf("FindAll inside the form: %d elements, want 2", len(inside))
	}
	if _, err := form.Find(ctx, "#out"); !IsNoSuchElement(err) {
		t.Errorf("Find outside the element: err = %v, want no such element", err)
	}
	none, err := s.FindAll(ctx, "table")
	if err != nil || len(none) != 0 {
		t.Errorf("FindAll(table) = %d, %v; want 0, nil", len(none), err)
	}
	var sum int
	must(s.Execute(ctx, &sum, "return arguments[0] + arguments[1].id.length", 40, out))
	if sum != 43 {
		t.Errorf("Execute = %d, want 43", sum)
	}
	png, err := s.Screenshot(ctx)
	must(err)
	if !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("screenshot is not a PNG: %.8q", png)
	}
	if _, err := s.WaitFind(ctx, 300*time.Millisecond, "#never"); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("WaitFind of a missing element: %v, want a time-out", err)
	}
	must(s.Delete(ctx))
	must(s.Delete(ctx)) // twice is fine
}
