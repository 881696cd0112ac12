package mw

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/view"
)

// DefaultCompressMin is the smallest body Compress(0) compresses, in bytes.
const DefaultCompressMin = 1024

// Compress returns middleware that gzips response bodies of at least
// minSize bytes (0 means DefaultCompressMin) for clients whose
// Accept-Encoding accepts gzip ("gzip;q=0" refuses it). It holds back up
// to minSize bytes to decide, then sends Content-Encoding: gzip, drops
// Content-Length, weakens a strong ETag and fills in a missing
// Content-Type from the uncompressed bytes; a smaller body goes out as it
// was written. Every response gets "Vary: Accept-Encoding".
//
// It never compresses the answer to HEAD, a status without a body (1xx,
// 204, 304) or a 206 partial body, a response that already has a
// Content-Encoding, or an event stream (Content-Type text/event-stream),
// whose flushes pass straight through. For any other response Flush
// sends what was written so far, compressed, and flushes the server.
//
// Gzip writers are pooled in the returned middleware.
func Compress(minSize int) tideway.Middleware {
	if minSize <= 0 {
		minSize = DefaultCompressMin
	}
	z := &compressor{min: minSize}
	z.pool.New = func() any { return &gzipResponse{min: minSize} }
	return z.serve
}

// compressor is the state Compress shares between requests.
type compressor struct {
	min  int
	pool sync.Pool // *gzipResponse, with its gzip.Writer and buffer
}

func (z *compressor) serve(c *tideway.Call, next tideway.Next) error {
	c.Response.AddHeader("Vary", "Accept-Encoding")
	ae, _ := c.Request.Header("Accept-Encoding")
	if c.Request.Method() == http.MethodHead || !acceptsGzip(ae) {
		return next(c)
	}
	base := c.Response
	g := z.pool.Get().(*gzipResponse)
	g.Response = base
	c.Response = g
	defer func() {
		// After a panic, what was held back is dropped with the rest.
		c.Response = base
		g.release()
		z.pool.Put(g)
	}()
	err := next(c)
	if ferr := g.finish(); err == nil {
		err = ferr
	}
	return err
}

// What a gzipResponse does with the body.
const (
	modeUndecided = iota // holding back up to min bytes
	modePlain            // passing through
	modeGzip             // compressing
)

// gzipResponse compresses what is written through it, once it has seen
// enough to decide.
type gzipResponse struct {
	view.Response // the response underneath
	min           int
	gz            *gzip.Writer // kept across requests; nil until first needed
	held          []byte       // body held back while undecided
	status        int
	mode          int
}

var _ view.Response = (*gzipResponse)(nil)

func (g *gzipResponse) Status() int { return g.status }

func (g *gzipResponse) WriteHeader(status int) {
	if g.status != 0 {
		return
	}
	g.status = status
	if !g.compressible() {
		g.plain()
	}
}

func (g *gzipResponse) Write(p []byte) (int, error) {
	if g.status == 0 {
		g.WriteHeader(http.StatusOK)
	}
	switch g.mode {
	case modePlain:
		return g.Response.Write(p)
	case modeUndecided:
		if len(g.held)+len(p) < g.min {
			g.held = append(g.held, p...)
			return len(p), nil
		}
		if err := g.start(p); err != nil {
			return 0, err
		}
		if g.mode == modePlain {
			return g.Response.Write(p)
		}
	}
	return g.gz.Write(p)
}

func (g *gzipResponse) Flush() error {
	if g.status == 0 {
		g.WriteHeader(http.StatusOK)
	}
	if g.mode == modeUndecided {
		if err := g.start(nil); err != nil {
			return err
		}
	}
	if g.mode == modeGzip {
		if err := g.gz.Flush(); err != nil {
			return err
		}
	}
	return g.Response.Flush()
}

// compressible reports whether the response may be compressed.
func (g *gzipResponse) compressible() bool {
	switch {
	case g.status < 200, g.status == http.StatusNoContent, g.status == http.StatusNotModified,
		g.status == http.StatusPartialContent, g.GetHeader("Content-Encoding") != "":
		return false
	}
	ct := g.GetHeader("Content-Type")
	return len(ct) < 17 || !strings.EqualFold(ct[:17], "text/event-stream")
}

// plain sends the status and what was held back, and the rest as it comes.
func (g *gzipResponse) plain() error {
	g.mode = modePlain
	g.Response.WriteHeader(g.status)
	if len(g.held) == 0 {
		return nil
	}
	_, err := g.Response.Write(g.held)
	g.held = g.held[:0]
	return err
}

// start begins compressing, if the headers still allow it, and sends what
// was held back; next is about to be written, to sniff a Content-Type.
func (g *gzipResponse) start(next []byte) error {
	if !g.compressible() {
		return g.plain()
	}
	h := g.Response
	if h.GetHeader("Content-Type") == "" {
		if sniff := append(g.held, next[:min(len(next), 512)]...); len(sniff) > 0 {
			h.SetHeader("Content-Type", http.DetectContentType(sniff))
		}
	}
	h.SetHeader("Content-Encoding", "gzip")
	h.DelHeader("Content-Length")
	if etag := h.GetHeader("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		h.SetHeader("ETag", "W/"+etag)
	}
	h.WriteHeader(g.status)
	if g.gz == nil {
		g.gz = gzip.NewWriter(h)
	} else {
		g.gz.Reset(h)
	}
	g.mode = modeGzip
	if len(g.held) == 0 {
		return nil
	}
	_, err := g.gz.Write(g.held)
	g.held = g.held[:0]
	return err
}

// finish ends the body once the rest of the chain has returned.
func (g *gzipResponse) finish() error {
	switch {
	case g.mode == modeGzip:
		return g.gz.Close()
	case g.mode == modeUndecided && g.status != 0:
		return g.plain() // smaller than min
	}
	return nil
}

// release readies g for the pool.
func (g *gzipResponse) release() {
	if g.gz != nil {
		g.gz.Reset(io.Discard)
	}
	if cap(g.held) > 4*g.min {
		g.held = nil
	}
	g.Response, g.held, g.status, g.mode = nil, g.held[:0], 0, modeUndecided
}

// acceptsGzip reports whether an Accept-Encoding value accepts gzip: it
// lists gzip (or x-gzip) with a non-zero quality, or, not listing it,
// lists "*" with a non-zero quality.
func acceptsGzip(ae string) bool {
	wildcard := false
	for item := range strings.SplitSeq(ae, ",") {
		name, params, _ := strings.Cut(item, ";")
		switch name = strings.Trim(name, " \t"); {
		case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
			return nonZeroQ(params)
		case name == "*":
			wildcard = nonZeroQ(params)
		}
	}
	return wildcard
}

// nonZeroQ reports whether the parameters of an Accept-Encoding item give
// it a quality above zero: no q, or a valid q other than 0. An invalid q
// counts as zero.
func nonZeroQ(params string) bool {
	for param := range strings.SplitSeq(params, ";") {
		key, v, _ := strings.Cut(strings.Trim(param, " \t"), "=")
		if !strings.EqualFold(strings.TrimRight(key, " \t"), "q") {
			continue
		}
		v = strings.Trim(v, " \t")
		// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
		if len(v) == 0 || len(v) > 5 || v[0] != '0' && v[0] != '1' || len(v) > 1 && v[1] != '.' {
			return false
		}
		positive := v[0] == '1'
		for i := 2; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' || v[0] == '1' && v[i] != '0' {
				return false
			}
			positive = positive || v[i] != '0'
		}
		return positive
	}
	return true
}
