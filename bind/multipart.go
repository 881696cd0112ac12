package bind

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"reflect"
	"slices"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// A multipart/form-data body is read by mime/multipart's Reader.ReadForm,
// the only way to get *multipart.FileHeader values whose Open works. The
// body reaches it through a formBody, which enforces what ReadForm cannot
// be told per request: the body limit (without trusting Content-Length)
// and Limits.MultipartParts. ReadForm keeps up to Limits.MultipartMemory
// bytes of file data in memory and spills the rest to temporary files;
// every form read is kept in the request's collector, and Call removes
// the files when the handler returns (collector.removeForms).

// bindMultipart reads a multipart/form-data body with the given boundary
// and binds its values and files into v. It returns the presence bits of
// the form keys sent.
func (p *Plan) bindMultipart(a *arg, r view.Request, boundary string, limit int64, v reflect.Value, c *collector) (uint64, error) {
	loc := locForm.String()
	if !validBoundary(boundary) {
		c.bad(loc, "", "has a missing or invalid multipart boundary in its Content-Type")
		return 0, nil
	}
	body := newFormBody(r.Body(), boundary, limit, p.limits.MultipartParts)
	form, err := multipart.NewReader(body, boundary).ReadForm(p.limits.MultipartMemory)
	if form != nil {
		c.forms = append(c.forms, form)
	}
	switch {
	case body.tooLarge || err != nil && serverTooLarge(body.readErr):
		return 0, &BodyTooLargeError{Limit: limit}
	case body.tooMany:
		c.bad(loc, "", fmt.Sprintf("has more than %d parts; at most %d are allowed", body.maxParts, body.maxParts))
		return 0, nil
	case err == nil:
		return p.bindParts(a, form, v, c), nil
	case body.readErr != nil:
		c.bad(loc, "", "could not be read")
	case errors.Is(err, multipart.ErrMessageTooLarge):
		c.bad(loc, "", "is too large to decode: too many parts or headers, or too many bytes of values")
	default:
		c.bad(loc, "", "is not valid multipart/form-data")
	}
	return 0, nil
}

// bindParts binds the values and files of form into v.
func (p *Plan) bindParts(a *arg, form *multipart.Form, v reflect.Value, c *collector) (sent uint64) {
	loc := locForm.String()
	fp := a.form
	n := 0
	for _, key := range slices.Sorted(maps.Keys(form.Value)) {
		vals := form.Value[key]
		n += len(vals)
		if fp.files[key] == nil {
			continue
		}
		delete(form.Value, key)
		if len(vals) == 1 && vals[0] == "" {
			// A browser sends a file input left empty as a part with
			// filename="" and no content, which mime/multipart reads as
			// an empty value: the file was not sent.
			continue
		}
		c.bad(loc, key, "must be a file upload, not a value")
	}
	if n > p.limits.QueryParams {
		c.bad(loc, "", fmt.Sprintf("has %d values; at most %d are allowed", n, p.limits.QueryParams))
		return 0
	}
	sent = p.decodeValues(fp.values, form.Value, v, c)
	for _, key := range slices.Sorted(maps.Keys(form.File)) {
		files := form.File[key]
		f := fp.files[key]
		if f == nil {
			top, _, _ := strings.Cut(key, ".")
			switch {
			case fp.values.byName[top] != nil:
				c.bad(loc, key, "must be a value, not a file upload")
			case !p.unknown:
				c.bad(loc, key, "unknown parameter")
			}
			continue
		}
		if f.file == oneFile {
			if len(files) > 1 {
				c.bad(loc, key, fmt.Sprintf("takes one file; %d were sent", len(files)))
				continue
			}
			v.FieldByIndex(f.index).Set(reflect.ValueOf(files[0]))
		} else {
			v.FieldByIndex(f.index).Set(reflect.ValueOf(files))
		}
		sent |= f.bit
	}
	return sent
}

// removeForms removes the temporary files of the multipart forms read
// for the request. Removal is best effort: a file that cannot be removed
// (the temporary directory went away, say) is left behind.
func (c *collector) removeForms() {
	for _, f := range c.forms {
		_ = f.RemoveAll()
	}
	c.forms = nil
}

// validBoundary reports whether b is a boundary as RFC 2046 allows: 1 to
// 70 characters from a small set, not ending in a space. No boundary
// holds '\n', which formBody's counting relies on.
func validBoundary(b string) bool {
	if len(b) == 0 || len(b) > 70 || b[len(b)-1] == ' ' {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("'()+_,-./:=? ", c) >= 0) {
			return false
		}
	}
	return true
}

// errFormStop is what a formBody returns once it has refused the body.
var errFormStop = errors.New("bind: multipart body refused")

// formBody is a multipart body on its way to ReadForm. It reads at most
// one byte past the limit, and counts the lines that can start a part
// (or end the last one): "--boundary" at the start of the body or after a
// newline. Once there are more of them than maxParts parts need, or the
// body passes the limit, it stops with errFormStop and says why. (A part
// whose content holds "\n--boundary" not followed by what ends a
// delimiter line counts too, so the cap may refuse such a body early;
// RFC 2046 forbids the delimiter inside a part.)
type formBody struct {
	r        io.Reader
	left     int64  // bytes that may still be read within the limit
	pat      []byte // "\n--" + boundary
	tail     []byte // the last len(pat)-1 bytes read: delimiters may straddle two reads
	seam     []byte // scratch: tail followed by the start of a read
	delims   int
	maxParts int
	tooLarge bool  // the body passed the limit
	tooMany  bool  // the body has more than maxParts parts
	readErr  error // the underlying reader's error, other than io.EOF
}

func newFormBody(r io.Reader, boundary string, limit int64, maxParts int) *formBody {
	pat := []byte("\n--" + boundary)
	b := &formBody{r: r, left: limit, pat: pat, maxParts: maxParts}
	b.tail = make([]byte, 1, len(pat))
	b.tail[0] = '\n' // the body's start counts as a line start
	b.seam = make([]byte, 0, 2*len(pat))
	return b
}

func (b *formBody) Read(p []byte) (int, error) {
	if b.tooLarge || b.tooMany {
		return 0, errFormStop
	}
	if b.left < int64(len(p)) {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	if b.left -= int64(n); b.left < 0 {
		b.tooLarge = true
		return 0, errFormStop
	}
	b.count(p[:n])
	// A body of n parts has n+1 delimiter lines, the last one closing.
	if b.delims > b.maxParts+1 {
		b.tooMany = true
		return 0, errFormStop
	}
	if err != nil && err != io.EOF {
		b.readErr = err
	}
	return n, err
}

// count adds the delimiters in d to b.delims: those that start in the
// tail of the previous reads and end in d, and those wholly in d. The
// pattern starts with its only '\n', so its occurrences never overlap.
func (b *formBody) count(d []byte) {
	if len(d) == 0 {
		return
	}
	k := len(b.pat) - 1
	b.seam = append(append(b.seam[:0], b.tail...), d[:min(k, len(d))]...)
	for i := 0; i < len(b.tail); {
		j := bytes.Index(b.seam[i:], b.pat)
		if j < 0 || i+j >= len(b.tail) {
			break
		}
		b.delims++
		i += j + 1
	}
	b.delims += bytes.Count(d, b.pat)
	if len(d) >= k {
		b.tail = append(b.tail[:0], d[len(d)-k:]...)
	} else {
		// The seam holds the whole tail and d.
		s := b.seam
		if len(s) > k {
			s = s[len(s)-k:]
		}
		b.tail = append(b.tail[:0], s...)
	}
}
