package respond_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"testing"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// codeError carries any status code.
type codeError struct{ code int }

func (e codeError) Error() string   { return "code error " + strconv.Itoa(e.code) }
func (e codeError) StatusCode() int { return e.code }

// fieldsError lists bad fields, optionally with a status.
type fieldsError struct {
	code   int
	fields []view.FieldError
}

func (e *fieldsError) Error() string                  { return fmt.Sprintf("%d invalid fields", len(e.fields)) }
func (e *fieldsError) FieldErrors() []view.FieldError { return e.fields }
func (e *fieldsError) StatusCode() int                { return e.code }

// plainFieldsError lists bad fields without a status.
type plainFieldsError struct{ fields []view.FieldError }

func (e plainFieldsError) Error() string                  { return "bad input" }
func (e plainFieldsError) FieldErrors() []view.FieldError { return e.fields }

func TestErrorWriter(t *testing.T) {
	idField := []view.FieldError{{Location: "path", Field: "id", Reason: "must be a number"}}
	const internal = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal server error"}`
	for _, tc := range []struct {
		name    string
		err     error
		started bool   // the status was sent before the error
		want    string // dump of the response
		wantLog string // "" for no log; else the level, then substrings
	}{
		{name: "nil", err: nil, want: untouched},
		{
			name: "sentinel",
			err:  respond.ErrNotFound,
			want: problemBody(404, `{"type":"about:blank","title":"Not Found","status":404,"detail":"not found"}`),
		},
		{
			name: "wrapped sentinel: detail is the status error's message",
			err:  fmt.Errorf("load from db table users: %w", respond.ErrNotFound),
			want: problemBody(404, `{"type":"about:blank","title":"Not Found","status":404,"detail":"not found"}`),
		},
		{
			name: "errorf",
			err:  fmt.Errorf("get: %w", respond.Errorf(404, "no message %d", 7)),
			want: problemBody(404, `{"type":"about:blank","title":"Not Found","status":404,"detail":"no message 7"}`),
		},
		{
			name: "errorf wrapping a cause",
			err:  respond.Errorf(400, "bad id: %w", strconv.ErrSyntax),
			want: problemBody(400, `{"type":"about:blank","title":"Bad Request","status":400,"detail":"bad id: invalid syntax"}`),
		},
		{
			name: "custom 4xx",
			err:  codeError{418},
			want: problemBody(418, `{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"code error 418"}`),
		},
		{
			name:    "5xx: generic detail, logged",
			err:     respond.Errorf(503, "db password wrong"),
			want:    problemBody(503, `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"service unavailable"}`),
			wantLog: `ERROR|"status":503|db password wrong`,
		},
		{
			name:    "500 status error",
			err:     &respond.StatusError{Code: 500, Detail: "secret"},
			want:    problemBody(500, internal),
			wantLog: `ERROR|"status":500|secret`,
		},
		{
			name:    "status 302 is a bug",
			err:     codeError{302},
			want:    problemBody(500, internal),
			wantLog: `ERROR|400..599|"status":302|code error 302`,
		},
		{
			name:    "status 0 is a bug",
			err:     codeError{0},
			want:    problemBody(500, internal),
			wantLog: `ERROR|"status":0`,
		},
		{
			name: "field errors without status: 400",
			err:  fmt.Errorf("bind: %w", plainFieldsError{idField}),
			want: problemBody(400, `{"type":"about:blank","title":"Bad Request","status":400,"detail":"bad input","errors":[{"location":"path","field":"id","reason":"must be a number"}]}`),
		},
		{
			name: "field errors with status",
			err:  &fieldsError{code: 422, fields: idField},
			want: problemBody(422, `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"1 invalid fields","errors":[{"location":"path","field":"id","reason":"must be a number"}]}`),
		},
		{
			name:    "field errors with 5xx are not shown",
			err:     &fieldsError{code: 500, fields: idField},
			want:    problemBody(500, internal),
			wantLog: `ERROR|1 invalid fields`,
		},
		{
			name:    "plain error: 500, logged with method and path",
			err:     fmt.Errorf("query: %w", errors.New("pq: password authentication failed")),
			want:    problemBody(500, internal),
			wantLog: `ERROR|"method":"GET"|"path":"/message/7"|"status":500|pq: password authentication failed`,
		},
		{
			name: "problem responds itself",
			err:  respond.Problem{Status: 402, Detail: "top up"},
			want: problemBody(402, `{"type":"about:blank","title":"Payment Required","status":402,"detail":"top up"}`),
		},
		{
			name: "wrapped problem with 5xx detail, as the app chose",
			err:  fmt.Errorf("x: %w", respond.Problem{Status: 503, Detail: "back at 5pm"}),
			want: problemBody(503, `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"back at 5pm"}`),
		},
		{
			name:    "failing responder error: 500",
			err:     respond.Problem{Status: 200},
			want:    problemBody(500, internal),
			wantLog: `ERROR|error responder failed|invalid status`,
		},
		{
			name:    "already started: only logged",
			err:     respond.ErrNotFound,
			started: true,
			want:    "HTTP 200\n\n",
			wantLog: `ERROR|after the response started|"status":200|not found`,
		},
		{
			name:    "context canceled while the client is still there",
			err:     context.Canceled,
			want:    problemBody(500, internal),
			wantLog: `ERROR|context canceled`,
		},
		{
			name:    "context deadline",
			err:     context.DeadlineExceeded,
			want:    problemBody(500, internal),
			wantLog: `ERROR|context deadline exceeded`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			ew := respond.ErrorWriter{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
			w := newResponse()
			if tc.started {
				w.WriteHeader(200)
			}
			ew.Write(w, newRequest("GET", "/message/7"), tc.err)
			if got := w.String(); got != tc.want {
				t.Errorf("wrote:\n%s\nwant:\n%s", got, tc.want)
			}
			checkLog(t, logs.String(), tc.wantLog)
		})
	}
}

func TestErrorWriterClientGone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := newRequest("GET", "/events")
	req.ctx = ctx
	for _, status := range []int{0, 200} {
		var logs bytes.Buffer
		ew := respond.ErrorWriter{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
		w := newResponse()
		w.WriteHeader(status)
		ew.Write(w, req, fmt.Errorf("stream: %w", context.Canceled))
		if w.Status() != status || w.body.Len() != 0 {
			t.Errorf("status %d: wrote %s", status, w)
		}
		checkLog(t, logs.String(), "DEBUG|client went away")
	}
}

func TestErrorWriterFormat(t *testing.T) {
	custom := func(w view.Response, r view.Request, p *respond.Problem) error {
		return respond.JSON[map[string]any]{Status: p.Status, Value: map[string]any{"error": p.Detail}}.Respond(w, r)
	}
	failBefore := func(view.Response, view.Request, *respond.Problem) error { return errors.New("format broke") }
	failAfter := func(w view.Response, _ view.Request, p *respond.Problem) error {
		w.WriteHeader(p.Status)
		return errors.New("format broke late")
	}
	for _, tc := range []struct {
		name    string
		format  func(view.Response, view.Request, *respond.Problem) error
		want    string
		wantLog string
	}{
		{
			name:   "custom",
			format: custom,
			want:   "HTTP 404\nContent-Length: 21\nContent-Type: application/json\n\n" + `{"error":"not found"}`,
		},
		{
			name:    "fails before writing: default problem",
			format:  failBefore,
			want:    problemBody(404, `{"type":"about:blank","title":"Not Found","status":404,"detail":"not found"}`),
			wantLog: "ERROR|format broke",
		},
		{
			name:    "fails after writing: nothing more",
			format:  failAfter,
			want:    "HTTP 404\n\n",
			wantLog: "ERROR|format broke late",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			ew := respond.ErrorWriter{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Format: tc.format}
			w := newResponse()
			ew.Write(w, newRequest("GET", "/"), respond.ErrNotFound)
			if got := w.String(); got != tc.want {
				t.Errorf("wrote:\n%s\nwant:\n%s", got, tc.want)
			}
			checkLog(t, logs.String(), tc.wantLog)
		})
	}
}

func TestErrorWriterNilLogger(t *testing.T) {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	defer slog.SetDefault(old)

	w := newResponse()
	respond.ErrorWriter{}.Write(w, newRequest("POST", "/x"), errors.New("boom"))
	if w.Status() != 500 {
		t.Errorf("status = %d, want 500", w.Status())
	}
	checkLog(t, logs.String(), `ERROR|"method":"POST"|boom`)
}

func TestErrorWriterKeepsSentinels(t *testing.T) {
	ew := respond.ErrorWriter{Logger: slog.New(slog.DiscardHandler)}
	ew.Write(newResponse(), newRequest("GET", "/"), respond.ErrNotFound)
	if respond.ErrNotFound.Code != 404 || respond.ErrNotFound.Detail != "" || respond.ErrNotFound.Err != nil {
		t.Errorf("ErrNotFound changed: %#v", respond.ErrNotFound)
	}
}

func ExampleErrorWriter() {
	ew := respond.ErrorWriter{Logger: slog.New(slog.DiscardHandler)}
	r := newRequest("GET", "/message/7")

	w := newResponse()
	ew.Write(w, r, fmt.Errorf("get message: %w", respond.Errorf(404, "no message %d", 7)))
	fmt.Println(w.Status(), w.body.String())

	w = newResponse()
	ew.Write(w, r, errors.New("db: connection refused")) // logged, not shown
	fmt.Println(w.Status(), w.body.String())
	// Output:
	// 404 {"type":"about:blank","title":"Not Found","status":404,"detail":"no message 7"}
	// 500 {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal server error"}
}
