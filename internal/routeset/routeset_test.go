package routeset

import "testing"

func TestLoadCounts(t *testing.T) {
	for _, tc := range []struct {
		name string
		want int
	}{
		{GitHub, 203}, {GitHubDisabled, 36}, {GPlus, 13}, {Parse, 26}, {Static, 157},
	} {
		if got := len(Load(tc.name)); got != tc.want {
			t.Errorf("Load(%q): %d routes, want %d", tc.name, got, tc.want)
		}
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct{ in, pattern, request string }{
		{"/", "/", "/"},
		{"/users/:user/repos", "/users/{user}/repos", "/users/v-user/repos"},
		{"/repos/:owner/:repo/contents/*path", "/repos/{owner}/{repo}/contents/{path...}", "/repos/v-owner/v-repo/contents/r-path/x"},
	} {
		if got := Pattern(tc.in); got != tc.pattern {
			t.Errorf("Pattern(%q) = %q, want %q", tc.in, got, tc.pattern)
		}
		if got := Request(tc.in); got != tc.request {
			t.Errorf("Request(%q) = %q, want %q", tc.in, got, tc.request)
		}
	}
}
