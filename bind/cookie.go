package bind

import (
	"reflect"
	"strings"

	"github.com/tideway-go/tideway/internal/token"
	"github.com/tideway-go/tideway/view"
)

// Cookie fields read the request's Cookie header (RFC 6265, section 4.2):
// pairs name=value separated by ";". The parser is strict about what it
// binds and tolerant of what it does not:
//
//   - A pair whose name is not a token, or that has no "=", cannot be one
//     of the bound cookies (their names are checked to be tokens at
//     registration): it is skipped, so one malformed cookie set by another
//     application on the same domain does not break every request.
//   - A bound cookie's value must be cookie-octets (printable ASCII
//     without space, '"', ',', ';' and '\'), optionally in one pair of
//     double quotes, which are removed; anything else is a 400. Values are
//     not percent-decoded.
//   - When a name is sent more than once, the first pair wins, as with
//     net/http's Request.Cookie: browsers send the cookie with the most
//     specific path first.

// bindCookies binds a's cookie fields from the Cookie header and returns
// the presence bits of the cookies sent.
func (p *Plan) bindCookies(a *arg, r view.Request, v reflect.Value, c *collector) (sent uint64) {
	h, ok := r.Header("Cookie")
	if !ok {
		return 0
	}
	for h != "" {
		var pair string
		pair, h, _ = strings.Cut(h, ";")
		name, raw, ok := strings.Cut(strings.Trim(pair, " \t"), "=")
		if !ok || !token.Valid(name) {
			continue
		}
		for _, f := range a.cookies {
			if f.name != name || sent&f.bit != 0 {
				continue
			}
			sent |= f.bit
			val, ok := cookieValue(raw)
			if !ok {
				c.bad(locCookie.String(), f.name, "is not a valid cookie value")
				continue
			}
			p.bindText(f, val, v, c)
		}
	}
	return sent
}

// cookieValue returns the value of a cookie pair without its optional
// double quotes, and whether it is made of cookie-octets only.
func cookieValue(raw string) (string, bool) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	}
	for i := 0; i < len(raw); i++ {
		if !isCookieOctet(raw[i]) {
			return "", false
		}
	}
	return raw, true
}

// isCookieOctet reports whether c may appear in a cookie value:
// %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E.
func isCookieOctet(c byte) bool {
	return 0x21 <= c && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\'
}
