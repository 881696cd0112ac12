package respond

import (
	"net/http"
	"testing"
)

func TestStatusText(t *testing.T) {
	// RFC 9110 renamed these; net/http keeps the older names.
	renamed := map[int]string{
		413: "Content Too Large",
		414: "URI Too Long",
		416: "Range Not Satisfiable",
		422: "Unprocessable Content",
	}
	for code := 400; code <= 599; code++ {
		want := http.StatusText(code)
		if name, ok := renamed[code]; ok {
			want = name
		}
		if got := statusText(code); got != want {
			t.Errorf("statusText(%d) = %q, want %q", code, got, want)
		}
	}
}
