// Package browsertest drives headless Chromium from Go tests through the
// W3C WebDriver protocol, which is plain HTTP and JSON: it starts
// chromedriver, opens a session, and gives tests navigation, CSS look-ups,
// clicks, typing, text and attribute reads, script execution and polling
// waits. It uses net/http only, so the module gains no dependency.
//
// Chromium and chromedriver come from the system (Debian's chromium and
// chromium-driver packages; scripts/install-chromium installs them). When
// either is missing, Start returns an error that wraps ErrNotInstalled, and
// Open skips the test with a message that says how to install them:
//
//	s := browsertest.Open(t) // skips without Chromium; cleaned up with t
//	if err := s.Navigate(ctx, srv.URL+"/docs"); err != nil {
//		t.Fatal(err)
//	}
//	el, err := s.WaitFind(ctx, 10*time.Second, "body[data-state=ready] h1")
//
// Chromium runs with HeadlessArgs: headless, no sandbox, no GPU, no QUIC,
// no first-run, background-networking, component-update or sync traffic,
// and a fresh profile directory per session. On a machine without network
// those flags keep it from waiting on refused connections.
//
// DocsCheck checks the API reference page of package apidocs against the
// OpenAPI document it renders: every operation listed, and requests sent
// through its forms answered with the expected status.
//
// Every call takes a context; a call whose context has no deadline gets
// the Driver's command timeout, so no call can hang a test. Close deletes
// the sessions and kills chromedriver's process group. On Linux the kernel
// also kills chromedriver when the test process dies without cleaning up
// (a panic, a go test time-out, SIGKILL), and the browsers, which talk to
// it over a pipe, quit when it goes: no Chromium outlives its test.
package browsertest
