package bind

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/view"
)

type cookies struct {
	Session string     `cookie:"session" validate:"required"`
	N       *int       `cookie:"n"`
	U       uint8      `cookie:"u"`
	F       float64    `cookie:"f"`
	B       bool       `cookie:"b"`
	Lvl     level      `cookie:"lvl"`
	When    *time.Time `cookie:"when"`
	Theme   string     `cookie:"theme" validate:"omitempty,oneof=dark light"`
}

func TestCookie(t *testing.T) {
	h := func(c cookies) cookies { return c }
	n3 := 3
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		header []string // Cookie header values; none means no header
		want   cookies
	}{
		{"every type", []string{"session=abc; n=3; u=255; f=-1.5; b=true; lvl=high; when=2026-01-02T03:04:05Z; theme=dark"},
			cookies{Session: "abc", N: &n3, U: 255, F: -1.5, B: true, Lvl: 2, When: &when, Theme: "dark"}},
		{"sent empty passes required", []string{"session="}, cookies{}},
		{"quoted value", []string{`session="abc"`}, cookies{Session: "abc"}},
		{"no space after the separator", []string{"n=3;session=x"}, cookies{Session: "x", N: &n3}},
		{"spaces and tabs around pairs", []string{" \tsession=x ; n=3\t"}, cookies{Session: "x", N: &n3}},
		{"trailing separator", []string{"session=x;"}, cookies{Session: "x"}},
		{"first of a repeated name wins", []string{"session=first; session=second; n=3; n=x"}, cookies{Session: "first", N: &n3}},
		{"foreign pairs skipped", []string{`bad name=1; =v; novalue; session=x; a"b=2; other=sp ace`}, cookies{Session: "x"}},
		{"value may hold =", []string{"session=a=b=="}, cookies{Session: "a=b=="}},
		{"only the first Cookie header is read", []string{"session=x", "n=3"}, cookies{Session: "x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hdrs []string
			for _, v := range tc.header {
				hdrs = append(hdrs, "Cookie", v)
			}
			out, err := run(h, nil, nil, newRequest("GET", "/", "", hdrs...))
			if err != nil {
				t.Fatal(err)
			}
			if got := out.(cookies); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("bound %+v\nwant  %+v", got, tc.want)
			}
		})
	}
}

func TestCookieErrors(t *testing.T) {
	h := func(c cookies) {}
	for _, tc := range []struct {
		name   string
		header string // "" sends no Cookie header
		status int
		want   []view.FieldError
	}{
		{"absent is required", "", 422, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is required"}}},
		{"names are case-sensitive", "Session=x", 422, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is required"}}},
		{"not a number", "session=x; n=three", 400, []view.FieldError{{Location: "cookie", Field: "n", Reason: "must be an integer"}}},
		{"out of range", "session=x; u=256", 400, []view.FieldError{{Location: "cookie", Field: "u", Reason: "out of range for an 8-bit unsigned integer"}}},
		{"not finite", "session=x; f=NaN", 400, []view.FieldError{{Location: "cookie", Field: "f", Reason: "must be a finite number"}}},
		{"not a bool", "session=x; b=yes", 400, []view.FieldError{{Location: "cookie", Field: "b", Reason: "must be true or false"}}},
		{"not a time", "session=x; when=today", 400, []view.FieldError{{Location: "cookie", Field: "when", Reason: "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"}}},
		{"text unmarshaler refuses", "session=x; lvl=mid", 400, []view.FieldError{{Location: "cookie", Field: "lvl", Reason: "invalid value: unknown level"}}},
		{"space in a value", "session=a b", 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"comma in a value", "session=a,b", 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"backslash in a value", `session=a\b`, 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"unbalanced quote", `session="abc`, 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"control byte", "session=a\x01", 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"non-ASCII", "session=caf\xc3\xa9", 400, []view.FieldError{{Location: "cookie", Field: "session", Reason: "is not a valid cookie value"}}},
		{"validation of a value sent", "session=x; theme=blue", 422, []view.FieldError{{Location: "cookie", Field: "theme", Reason: "must be one of: dark, light"}}},
		{"validation of an empty value sent", "session=x; theme=", 422, []view.FieldError{{Location: "cookie", Field: "theme", Reason: "must be one of: dark, light"}}},
		{"parse and validation errors together", "n=x", 400, []view.FieldError{{Location: "cookie", Field: "n", Reason: "must be an integer"}, {Location: "cookie", Field: "session", Reason: "is required"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hdrs []string
			if tc.header != "" {
				hdrs = []string{"Cookie", tc.header}
			}
			_, err := run(h, nil, nil, newRequest("GET", "/", "", hdrs...))
			var be *Error
			if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
				t.Errorf("got %v\nwant %d %v", err, tc.status, tc.want)
			}
		})
	}
}

func TestCookieWithOtherSources(t *testing.T) {
	type in struct {
		ID      int    `path:"id"`
		Session string `cookie:"session"`
		Key     string `header:"X-Key"`
		Q       string `query:"q"`
	}
	out, err := run(func(i in) in { return i }, []string{"id"}, pathValues{"7"}, newRequest("GET", "/?q=z", "", "Cookie", "session=s", "X-Key", "k"))
	if err != nil {
		t.Fatal(err)
	}
	if got := out.(in); got != (in{ID: 7, Session: "s", Key: "k", Q: "z"}) {
		t.Errorf("bound %+v", got)
	}
}

func TestCookieCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fn    any
		field string
		want  string
	}{
		{"empty name", func(struct {
			S string `cookie:""`
		}) {
		}, ".S", "cookie tag needs a cookie name"},
		{"name not a token", func(struct {
			S string `cookie:"my session"`
		}) {
		}, ".S", `got "my session"`},
		{"name with a separator", func(struct {
			S string `cookie:"a;b"`
		}) {
		}, ".S", "token characters"},
		{"slice", func(struct {
			S []string `cookie:"s"`
		}) {
		}, ".S", "has type []string, which a cookie cannot be parsed into"},
		{"map", func(struct {
			S map[string]string `cookie:"s"`
		}) {
		}, ".S", "which a cookie cannot be parsed into"},
		{"two sources", func(struct {
			S string `cookie:"s" header:"S"`
		}) {
		}, ".S", "has tags header and cookie"},
		{"unexported", func(struct {
			s string `cookie:"s"`
		}) {
		}, ".s", "is unexported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.fn, Options{Route: "GET /x"})
			var pe *PlanError
			if !errors.As(err, &pe) || pe.Field != tc.field || !strings.Contains(pe.Msg, tc.want) || pe.Handler == "" {
				t.Errorf("got %v (field %q), want field %q and %q", err, fieldOf(pe), tc.field, tc.want)
			}
		})
	}
}

// fieldOf is pe.Field, or "" for a nil pe.
func fieldOf(pe *PlanError) string {
	if pe == nil {
		return ""
	}
	return pe.Field
}

func TestCookieLocation(t *testing.T) {
	if locCookie.String() != "cookie" || locForm.String() != "form" {
		t.Errorf("locations %q, %q", locCookie, locForm)
	}
}

// FuzzCookie binds arbitrary Cookie headers into every cookie type. It
// must never panic; every failure is a 400 or 422 naming cookie fields;
// and a cookie pair it did not reject is bound to the value sent.
func FuzzCookie(f *testing.F) {
	for _, s := range []string{
		"session=abc; n=3; u=255; f=-1.5; b=true; lvl=high; when=2026-01-02T03:04:05Z; theme=dark",
		`session="quoted"`, "session=", "=", ";;;", "session", "a b=c; session=x", "session=a b", "n=99999999999999999999",
		"session=\x00", "session=\xff", `session="`, `session=""`, "session=x;session=y", " ; session = x", "f=1e400", "when=2026-13-01T00:00:00Z",
	} {
		f.Add(s)
	}
	p, err := Compile(func(c cookies) cookies { return c }, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, header string) {
		out, err := p.Call(newResponse(), newRequest("GET", "/", "", "Cookie", header), noPath{}, 0)
		checkBindError(t, err)
		var be *Error
		if errors.As(err, &be) {
			for _, fe := range be.Fields {
				if fe.Location != "cookie" || fe.Field == "" {
					t.Fatalf("%q: error %v", header, fe)
				}
			}
			return
		}
		// Every session pair the parser accepted is bound as sent, quotes
		// removed: compare with a naive reading of the first one.
		got := out.(cookies).Session
		for pair := range strings.SplitSeq(header, ";") {
			name, val, ok := strings.Cut(strings.Trim(pair, " \t"), "=")
			if ok && name == "session" {
				if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
					val = val[1 : len(val)-1]
				}
				if got != val {
					t.Fatalf("%q: session %q, want %q", header, got, val)
				}
				return
			}
		}
		t.Fatalf("%q: bound without a session cookie", header)
	})
}
