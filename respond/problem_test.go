package respond_test

import (
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

func TestProblem(t *testing.T) {
	const head = "Content-Type: application/problem+json\n\n"
	body := func(s string) string { return fmt.Sprintf("Content-Length: %d\n%s%s", len(s), head, s) }
	runResponders(t, []responderCase{
		{
			name: "defaults",
			r:    respond.Problem{},
			want: "HTTP 500\n" + body(`{"type":"about:blank","title":"Internal Server Error","status":500}`),
		},
		{
			name: "detail",
			r:    respond.Problem{Status: 404, Detail: "no message 7"},
			want: "HTTP 404\n" + body(`{"type":"about:blank","title":"Not Found","status":404,"detail":"no message 7"}`),
		},
		{
			name: "all fields",
			r: respond.Problem{
				Type:     "https://example.com/probs/out-of-credit",
				Title:    "You do not have enough credit.",
				Status:   403,
				Detail:   "balance is 30, cost is 50",
				Instance: "/account/12345/msgs/abc",
			},
			want: "HTTP 403\n" + body(`{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"balance is 30, cost is 50","instance":"/account/12345/msgs/abc"}`),
		},
		{
			name: "field errors",
			r: respond.Problem{Status: 422, Errors: []view.FieldError{
				{Location: "path", Field: "id", Reason: "must be a number"},
				{Location: "body", Reason: "must be json"},
			}},
			want: "HTTP 422\n" + body(`{"type":"about:blank","title":"Unprocessable Content","status":422,"errors":[{"location":"path","field":"id","reason":"must be a number"},{"location":"body","reason":"must be json"}]}`),
		},
		{
			name: "unknown status",
			r:    respond.Problem{Status: 499},
			want: "HTTP 499\n" + body(`{"type":"about:blank","status":499}`),
		},
		{name: "status 200", r: respond.Problem{Status: 200}, wantErr: respond.ErrInvalidStatus},
		{name: "status 600", r: respond.Problem{Status: 600}, wantErr: respond.ErrInvalidStatus},
	})
}

func TestProblemError(t *testing.T) {
	for _, tc := range []struct {
		p    respond.Problem
		want string
	}{
		{respond.Problem{}, "500 internal server error"},
		{respond.Problem{Status: 404, Detail: "no message 7"}, "404 not found: no message 7"},
		{respond.Problem{Status: 403, Title: "Out of Credit"}, "403 out of credit"},
		{respond.Problem{Status: 499, Detail: "x"}, "499: x"},
	} {
		if got := tc.p.Error(); got != tc.want {
			t.Errorf("%+v.Error() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func ExampleProblem() {
	w := newResponse()
	p := respond.Problem{
		Status: 422,
		Detail: "1 field is invalid",
		Errors: []view.FieldError{{Location: "query", Field: "limit", Reason: "must be at most 100"}},
	}
	_ = p.Respond(w, newRequest("GET", "/message"))
	fmt.Println(w.Status(), w.GetHeader("Content-Type"))
	fmt.Println(w.body.String())
	// Output:
	// 422 application/problem+json
	// {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"1 field is invalid","errors":[{"location":"query","field":"limit","reason":"must be at most 100"}]}
}
