package fasthttp

import "net"

// ListenAndServeListener wraps ln as ListenAndServe wraps its listener,
// for tests that run the conformance suite on ListenAndServe's
// connections (lazy deadlines, views kept per connection).
func ListenAndServeListener(ln net.Listener) net.Listener { return lazyDeadlineListener{ln} }
