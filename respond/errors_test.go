package respond_test

import (
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

func TestStatusErrorError(t *testing.T) {
	cause := errors.New("cause")
	for _, tc := range []struct {
		err  *respond.StatusError
		want string
	}{
		{respond.ErrNotFound, "not found"},
		{respond.ErrTooManyRequests, "too many requests"},
		{&respond.StatusError{Code: 499}, "status 499"},
		{&respond.StatusError{Code: 400, Detail: "bad id"}, "bad id"},
		{&respond.StatusError{Code: 400, Err: cause}, "cause"},
		{&respond.StatusError{Code: 400, Detail: "bad id", Err: cause}, "bad id: cause"},
		{respond.Errorf(404, "no message %d", 7), "no message 7"},
		{respond.Errorf(400, "bad id: %w", cause), "bad id: cause"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestStatusErrorIs(t *testing.T) {
	_, parseErr := strconv.Atoi("x")
	for _, tc := range []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"sentinel", respond.ErrNotFound, respond.ErrNotFound, true},
		{"wrapped sentinel", fmt.Errorf("x: %w", respond.ErrNotFound), respond.ErrNotFound, true},
		{"twice wrapped", fmt.Errorf("a: %w", fmt.Errorf("b: %w", respond.ErrGone)), respond.ErrGone, true},
		{"other sentinel", respond.ErrNotFound, respond.ErrGone, false},
		{"same code", respond.Errorf(404, "no message %d", 7), respond.ErrNotFound, true},
		{"wrapped same code", fmt.Errorf("x: %w", respond.Errorf(409, "taken")), respond.ErrConflict, true},
		{"other code", respond.Errorf(400, "bad"), respond.ErrNotFound, false},
		{"not against a detailed target", respond.ErrNotFound, respond.Errorf(404, "x"), false},
		{"cause through Errorf", respond.Errorf(400, "bad id: %w", parseErr), strconv.ErrSyntax, true},
		{"sentinel through Errorf", respond.Errorf(400, "lookup: %w", respond.ErrNotFound), respond.ErrNotFound, true},
		{"cause through Err", &respond.StatusError{Code: 400, Err: parseErr}, strconv.ErrSyntax, true},
		{"plain error", errors.New("not found"), respond.ErrNotFound, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errors.Is(tc.err, tc.target); got != tc.want {
				t.Errorf("errors.Is(%v, %v) = %v, want %v", tc.err, tc.target, got, tc.want)
			}
		})
	}
}

func TestSentinels(t *testing.T) {
	for _, tc := range []struct {
		err  *respond.StatusError
		code int
	}{
		{respond.ErrBadRequest, 400},
		{respond.ErrUnauthorized, 401},
		{respond.ErrForbidden, 403},
		{respond.ErrNotFound, 404},
		{respond.ErrConflict, 409},
		{respond.ErrGone, 410},
		{respond.ErrUnprocessable, 422},
		{respond.ErrTooManyRequests, 429},
	} {
		if tc.err.StatusCode() != tc.code || tc.err.Detail != "" || tc.err.Err != nil {
			t.Errorf("%v: got %#v, want a bare %d", tc.err, tc.err, tc.code)
		}
		var se *respond.StatusError
		if !errors.As(fmt.Errorf("x: %w", tc.err), &se) || se != tc.err {
			t.Errorf("errors.As did not find %v", tc.err)
		}
	}
}

func ExampleErrorf() {
	err := fmt.Errorf("get message: %w", respond.Errorf(404, "no message %d", 7))
	fmt.Println(errors.Is(err, respond.ErrNotFound))
	var se *respond.StatusError
	if errors.As(err, &se) {
		fmt.Println(se.StatusCode(), se)
	}
	// Output:
	// true
	// 404 no message 7
}
