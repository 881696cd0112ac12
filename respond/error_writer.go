package respond

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// ErrorWriter writes handler errors as RFC 9457 problems. Its zero value
// is ready to use.
type ErrorWriter struct {
	// Logger receives server errors; nil means slog.Default().
	Logger *slog.Logger
	// Format, if set, writes the problem instead of Problem.Respond, to
	// add fields or change the format. If it fails before writing the
	// status, the problem is written as usual.
	Format func(w view.Response, r view.Request, p *Problem) error
}

// statusCoder is an error that carries an HTTP status.
type statusCoder interface{ StatusCode() int }

// fieldErrorer is an error that lists bad inputs.
type fieldErrorer interface{ FieldErrors() []view.FieldError }

// Write answers err on w. A nil err is a no-op. Each rule is found with
// errors.As, so it holds through any wrapping; the first that applies wins:
//
//  1. err is a Responder (such as a Problem): it responds itself.
//  2. err has StatusCode() int: that status. For 4xx the detail is the
//     message of the error that has the method (not of its wrappers); for
//     5xx the detail is generic and err is logged. A code outside 400..599
//     is logged and answered with 500.
//  3. err has FieldErrors() []view.FieldError: they are listed in the
//     problem's errors. Without a status from rule 2 the answer is 400,
//     with the message of the error that has the method as the detail.
//  4. Anything else: 500, detail "internal server error", and err is
//     logged at error level with the request's method and path.
//
// If the response has already started (w.Status() != 0), nothing more can
// be sent: err is logged instead. If err is context.Canceled and the
// request's context is done, the client has gone away: err is logged at
// debug level and nothing is written.
func (ew ErrorWriter) Write(w view.Response, r view.Request, err error) {
	if err == nil {
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		ew.log(r, slog.LevelDebug, "respond: client went away", w.Status(), err)
		return
	}
	if w.Status() != 0 {
		ew.log(r, slog.LevelError, "respond: error after the response started", w.Status(), err)
		return
	}
	var rs Responder
	if errors.As(err, &rs) {
		if rerr := rs.Respond(w, r); rerr != nil {
			ew.log(r, slog.LevelError, "respond: error responder failed", 500, errors.Join(err, rerr))
			if w.Status() == 0 {
				ew.write(w, r, internalProblem(500))
			}
		}
		return
	}
	ew.write(w, r, ew.problem(r, err))
}

// problem maps err, which is not a Responder, to a problem, logging it if
// it is a server error.
func (ew ErrorWriter) problem(r view.Request, err error) Problem {
	code := 0
	var sc statusCoder
	if errors.As(err, &sc) {
		code = sc.StatusCode()
		if code < 400 || code > 599 {
			ew.log(r, slog.LevelError, "respond: error status not in 400..599, sent as 500", code, err)
			return internalProblem(500)
		}
		if code >= 500 {
			ew.log(r, slog.LevelError, "respond: server error", code, err)
			return internalProblem(code)
		}
	}
	var fe fieldErrorer
	if errors.As(err, &fe) {
		p := Problem{Status: code, Errors: fe.FieldErrors()}
		if code == 0 {
			p.Status = 400
			p.Detail = fe.(error).Error()
		} else {
			p.Detail = sc.(error).Error()
		}
		return p
	}
	if code != 0 {
		return Problem{Status: code, Detail: sc.(error).Error()}
	}
	ew.log(r, slog.LevelError, "respond: internal error", 500, err)
	return internalProblem(500)
}

// internalProblem is the generic problem for a server error: no detail of
// the real error reaches the client.
func internalProblem(code int) Problem {
	p := Problem{Status: code}.withDefaults()
	p.Detail = "internal server error"
	if code != 500 && p.Title != "" {
		p.Detail = strings.ToLower(p.Title)
	}
	return p
}

// write sends p through Format, falling back to Problem.Respond.
func (ew ErrorWriter) write(w view.Response, r view.Request, p Problem) {
	if ew.Format != nil {
		p = p.withDefaults() // the hook sees the problem as it would be sent
		err := ew.Format(w, r, &p)
		if err == nil {
			return
		}
		ew.log(r, slog.LevelError, "respond: error format failed", p.Status, err)
		if w.Status() != 0 {
			return
		}
	}
	if err := p.Respond(w, r); err != nil {
		ew.log(r, slog.LevelError, "respond: writing problem failed", p.Status, err)
	}
}

// log records err with the request's method and path, and its ID if it
// has one (see WithRequestID).
func (ew ErrorWriter) log(r view.Request, level slog.Level, msg string, status int, err error) {
	logger := ew.Logger
	if logger == nil {
		logger = slog.Default()
	}
	ctx := r.Context()
	var buf [5]slog.Attr // room for the request ID: no allocation
	attrs := append(buf[:0],
		slog.String("method", r.Method()),
		slog.String("path", r.Path()),
		slog.Int("status", status),
		slog.Any("error", err),
	)
	logger.LogAttrs(ctx, level, msg, AppendRequestID(ctx, attrs)...)
}
