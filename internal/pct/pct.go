// Package pct has the byte-level helpers of percent-encoding (RFC 3986,
// section 2.1) that route and bind share.
package pct

// IsHex reports whether c is a hexadecimal digit.
func IsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Unhex returns the value of the hexadecimal digit c, which must be one.
func Unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// Byte decodes the escape "%XY" from its two digits, which must be valid.
func Byte(x, y byte) byte { return Unhex(x)<<4 | Unhex(y) }
