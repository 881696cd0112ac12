package respond_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

func TestRedirectStatus(t *testing.T) {
	runResponders(t, []responderCase{
		{name: "default 303", r: respond.Redirect{Location: "/a"}, want: "HTTP 303\nContent-Length: 0\nLocation: /a\n\n"},
		{name: "301", r: respond.Redirect{Status: 301, Location: "/a"}, want: "HTTP 301\nContent-Length: 0\nLocation: /a\n\n"},
		{name: "302", r: respond.Redirect{Status: 302, Location: "/a"}, want: "HTTP 302\nContent-Length: 0\nLocation: /a\n\n"},
		{name: "307", r: respond.Redirect{Status: 307, Location: "/a"}, want: "HTTP 307\nContent-Length: 0\nLocation: /a\n\n"},
		{name: "308", r: respond.Redirect{Status: 308, Location: "/a"}, want: "HTTP 308\nContent-Length: 0\nLocation: /a\n\n"},
		{name: "200", r: respond.Redirect{Status: 200, Location: "/a"}, wantErr: respond.ErrInvalidStatus},
		{name: "300", r: respond.Redirect{Status: 300, Location: "/a"}, wantErr: respond.ErrInvalidStatus},
		{name: "304", r: respond.Redirect{Status: 304, Location: "/a"}, wantErr: respond.ErrInvalidStatus},
		{name: "bad status before bad location", r: respond.Redirect{Status: 200, Location: "//x"}, wantErr: respond.ErrInvalidStatus},
	})
}

func TestRedirectLocation(t *testing.T) {
	for _, tc := range []struct {
		loc string
		ok  bool
	}{
		{"/", true},
		{"/ok/path?x=1", true},
		{"/ok/path#frag", true},
		{"/a%20b", true},
		{"/files/100%25", true},
		{"/%2525", true},                  // decodes to "/%25", then "/%": nothing dangerous
		{"/next?to=%2F%2Fevil.com", true}, // only the path part is decoded
		{"/next?to=%5C", true},
		{"/evil.com", true}, // a path on this host
		{"/javascript:alert(1)", true},
		{"/a/b//c", true},
		{"", false},
		{"//evil.com", false},
		{"///evil.com", false},
		{"/\\evil.com", false},
		{"/a\\b", false},
		{"/ok?x=\\", false},
		{"/%5Cevil.com", false},
		{"/%5cevil.com", false},
		{"/%2F%2Fevil.com", false},
		{"/%2fevil.com", false},
		{"/%252F%252Fevil.com", false},
		{"/%255Cevil.com", false},
		{"/\tevil.com", false},
		{"/\t/evil.com", false},
		{"/\r\nSet-Cookie: a=b", false},
		{"/%0d%0aSet-Cookie:%20a=b", false},
		{"/%09/evil.com", false},
		{"/a\x00", false},
		{"/a\x7f", false},
		{"/%zz", false},
		{"/%4", false},
		{"https://evil.com", false},
		{"http:/evil.com", false},
		{"javascript:alert(1)", false},
		{"evil.com", false},
		{"?x=1", false},
		{" /a", false},
		{"\\\\evil.com", false},
	} {
		t.Run(fmt.Sprintf("%q", tc.loc), func(t *testing.T) {
			w := newResponse()
			err := respond.Redirect{Location: tc.loc}.Respond(w, newRequest("GET", "/"))
			if tc.ok {
				if err != nil {
					t.Fatalf("Respond() error = %v", err)
				}
				if got := w.GetHeader("Location"); got != tc.loc {
					t.Errorf("Location = %q, want %q", got, tc.loc)
				}
				return
			}
			var le *respond.LocationError
			if !errors.As(err, &le) {
				t.Fatalf("Respond() error = %v, want a *LocationError", err)
			}
			if le.Location != tc.loc || le.Reason == "" {
				t.Errorf("LocationError = %+v", le)
			}
			if got := w.String(); got != untouched {
				t.Errorf("Respond() wrote after an error:\n%s", got)
			}
		})
	}
}

func FuzzRedirectLocation(f *testing.F) {
	for _, s := range []string{"/", "/a?b", "//evil.com", "/%5C", "/%2F%2F", "/\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, loc string) {
		err := respond.Redirect{Location: loc}.Respond(newResponse(), newRequest("GET", "/"))
		if err != nil {
			return
		}
		if loc == "" || loc[0] != '/' || (len(loc) > 1 && (loc[1] == '/' || loc[1] == '\\')) {
			t.Fatalf("accepted %q", loc)
		}
		path, _, _ := strings.Cut(loc, "?")
		path, _, _ = strings.Cut(path, "#")
		decoded, err := url.PathUnescape(path)
		if err != nil {
			t.Fatalf("accepted %q with a malformed escape", loc)
		}
		for _, s := range []string{loc, decoded} {
			if strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
				t.Fatalf("accepted %q", loc)
			}
			for i := 0; i < len(s); i++ {
				if c := s[i]; c == '\\' || c < 0x20 || c == 0x7f {
					t.Fatalf("accepted %q (%q)", loc, s)
				}
			}
		}
	})
}

func ExampleRedirect() {
	w := newResponse()
	err := respond.Redirect{Location: "/message/7"}.Respond(w, newRequest("POST", "/message"))
	fmt.Println(err)
	fmt.Print(w)

	err = respond.Redirect{Location: "/%2F%2Fevil.com"}.Respond(newResponse(), newRequest("GET", "/"))
	fmt.Println(err)
	// Output:
	// <nil>
	// HTTP 303
	// Content-Length: 0
	// Location: /message/7
	//
	// respond: location "/%2F%2Fevil.com" is not a same-host path: must not start with "//" or "/\" once percent-decoded
}
