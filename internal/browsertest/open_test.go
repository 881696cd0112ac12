package browsertest

import "testing"

func TestOpenSkipsWithoutChromium(t *testing.T) {
	var skipped bool
	t.Run("missing", func(t *testing.T) {
		t.Cleanup(func() { skipped = t.Skipped() })
		open(t, Config{Chromium: "/nonexistent/chromium", Chromedriver: "/nonexistent/chromedriver"})
		t.Error("open did not skip")
	})
	if !skipped {
		t.Error("open without Chromium: the test was not skipped")
	}
}
