package openapi

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// rules is a validate tag, split where package bind and validator/v10
// split it.
type rules struct {
	required bool   // "required" before any dive
	top      []rule // the rules for the value itself
	elems    *rules // after "dive": the rules for each element (or map value)
}

// rule is one validation, such as "min=1".
type rule struct {
	name, param string
}

// parseValidate splits a validate tag. Alternatives ("a|b") are left
// out, since no single keyword says either; so are the keys of a map
// ("keys ... endkeys").
func parseValidate(tag string) rules {
	parts := strings.Split(tag, ",")
	return parseParts(parts)
}

func parseParts(parts []string) rules {
	var r rules
	inKeys := false
	for i, p := range parts {
		switch {
		case p == "dive":
			elems := parseParts(parts[i+1:])
			r.elems = &elems
			return r
		case p == "keys":
			inKeys = true
			continue
		case p == "endkeys":
			inKeys = false
			continue
		case inKeys, p == "", strings.Contains(p, "|"):
			continue
		case p == "required":
			r.required = true
			continue
		}
		name, param, _ := strings.Cut(p, "=")
		r.top = append(r.top, rule{name: name, param: param})
	}
	return r
}

// apply returns s with the keywords of the rules added, in a copy when
// there are any to add: s may be shared.
func (r rules) apply(g *Generator, s *Schema) *Schema {
	if len(r.top) == 0 && r.elems == nil {
		return s
	}
	if s.Ref != "" || s.target != nil {
		return s // a component: its keywords are its own
	}
	if len(s.AnyOf) == 2 && s.AnyOf[1].Type.Has("null") && len(s.AnyOf[1].Type) == 1 {
		// A nullable reference: the rules apply to the referenced value.
		return s
	}
	c := s.clone()
	for _, ru := range r.top {
		ru.apply(c)
	}
	if r.elems != nil {
		switch {
		case c.Items != nil:
			c.Items = r.elems.apply(g, c.Items)
		case c.AdditionalProperties != nil:
			c.AdditionalProperties = r.elems.apply(g, c.AdditionalProperties)
		}
	}
	return c
}

// category is what a schema's bounds count: the value of a number, the
// characters of a string, the items of an array, the properties of an
// object.
type category uint8

const (
	catNone category = iota
	catNumber
	catString
	catArray
	catObject
)

func categoryOf(s *Schema) category {
	switch {
	case s.Type.Has("integer"), s.Type.Has("number"):
		return catNumber
	case s.Type.Has("string") && s.ContentEncoding == "" && s.ContentMediaType == "":
		return catString
	case s.Type.Has("array"):
		return catArray
	case s.Type.Has("object") && s.AdditionalProperties != nil:
		return catObject
	}
	return catNone
}

// formats maps validator/v10's string checks to JSON Schema formats.
var formats = map[string]string{
	"email":            "email",
	"url":              "uri",
	"uri":              "uri",
	"http_url":         "uri",
	"https_url":        "uri",
	"uuid":             "uuid",
	"uuid3":            "uuid",
	"uuid4":            "uuid",
	"uuid5":            "uuid",
	"uuid_rfc4122":     "uuid",
	"uuid3_rfc4122":    "uuid",
	"uuid4_rfc4122":    "uuid",
	"uuid5_rfc4122":    "uuid",
	"ipv4":             "ipv4",
	"ip4_addr":         "ipv4",
	"ipv6":             "ipv6",
	"ip6_addr":         "ipv6",
	"hostname":         "hostname",
	"hostname_rfc1123": "hostname",
	"fqdn":             "hostname",
}

// patterns maps validator/v10's character-class checks to patterns.
var patterns = map[string]string{
	"alpha":       "^[a-zA-Z]+$",
	"alphanum":    "^[a-zA-Z0-9]+$",
	"numeric":     "^[-+]?[0-9]+(?:\\.[0-9]+)?$",
	"number":      "^[0-9]+$",
	"hexadecimal": "^(?:0[xX])?[0-9a-fA-F]+$",
}

// apply adds the keyword for one rule to s, if there is one for its
// category.
func (ru rule) apply(s *Schema) {
	cat := categoryOf(s)
	switch ru.name {
	case "min", "gte":
		ru.bound(s, cat, 0, false)
	case "max", "lte":
		ru.bound(s, cat, 0, true)
	case "gt":
		if cat == catNumber {
			s.ExclusiveMinimum = number(ru.param)
		} else {
			ru.bound(s, cat, 1, false)
		}
	case "lt":
		if cat == catNumber {
			s.ExclusiveMaximum = number(ru.param)
		} else {
			ru.bound(s, cat, -1, true)
		}
	case "len":
		ru.bound(s, cat, 0, false)
		ru.bound(s, cat, 0, true)
	case "eq":
		if v := ru.value(cat, ru.param); v != nil {
			s.Enum = []any{v}
		}
		if s.Type.Has("null") && s.Enum != nil {
			s.Enum = append(s.Enum, nil) // a nil pointer
		}
	case "oneof":
		var enum []any
		for _, p := range oneofValues(ru.param) {
			v := ru.value(cat, p)
			if v == nil {
				return
			}
			enum = append(enum, v)
		}
		if s.Type.Has("null") {
			enum = append(enum, nil) // a nil pointer
		}
		s.Enum = enum
	case "unique":
		if cat == catArray {
			s.UniqueItems = true
		}
	case "base64", "base64url", "base64rawurl":
		if cat == catString {
			s.ContentEncoding = "base64"
		}
	case "json":
		if cat == catString {
			s.ContentMediaType = "application/json"
		}
	case "ip", "ip_addr":
		if cat == catString {
			s.AnyOf = []*Schema{{Format: "ipv4"}, {Format: "ipv6"}}
		}
	case "datetime":
		if cat == catString {
			switch ru.param {
			case "2006-01-02T15:04:05Z07:00":
				s.Format = "date-time"
			case "2006-01-02":
				s.Format = "date"
			}
		}
	case "startswith":
		ru.pattern(s, cat, "^"+regexp.QuoteMeta(ru.param))
	case "endswith":
		ru.pattern(s, cat, regexp.QuoteMeta(ru.param)+"$")
	case "contains":
		ru.pattern(s, cat, regexp.QuoteMeta(ru.param))
	default:
		if f, ok := formats[ru.name]; ok && cat == catString {
			s.Format = f
		} else if p, ok := patterns[ru.name]; ok {
			ru.pattern(s, cat, p)
		}
	}
}

// bound sets a lower (upper false) or upper bound of the category from
// the rule's parameter moved by shift (gt and lt on lengths).
func (ru rule) bound(s *Schema, cat category, shift int64, upper bool) {
	if cat == catNumber {
		if n := number(ru.param); n != "" {
			if upper {
				s.Maximum = n
			} else {
				s.Minimum = n
			}
		}
		return
	}
	n, err := strconv.ParseInt(ru.param, 10, 64)
	if err != nil || n+shift < 0 {
		return
	}
	v := uintPtr(uint64(n + shift))
	switch {
	case cat == catString && upper:
		s.MaxLength = v
	case cat == catString:
		s.MinLength = v
	case cat == catArray && upper:
		s.MaxItems = v
	case cat == catArray:
		s.MinItems = v
	case cat == catObject && upper:
		s.MaxProperties = v
	case cat == catObject:
		s.MinProperties = v
	}
}

// pattern sets the pattern of a string schema, unless it has one.
func (ru rule) pattern(s *Schema, cat category, p string) {
	if cat == catString && s.Pattern == "" {
		s.Pattern = p
	}
}

// value is one value of an enum: the text itself for a string, a number
// for a number; nil if it is neither.
func (ru rule) value(cat category, p string) any {
	switch cat {
	case catString:
		return p
	case catNumber:
		if n := number(p); n != "" {
			return n
		}
	}
	return nil
}

// number returns p as a JSON number, or "" if it is not one.
func number(p string) json.Number {
	if _, err := strconv.ParseFloat(p, 64); err != nil || !json.Valid([]byte(p)) {
		return ""
	}
	return json.Number(p)
}

// oneofValues splits a oneof parameter as validator/v10 does: on spaces,
// with single quotes around a value that has spaces.
func oneofValues(p string) []string {
	var out []string
	for p = strings.TrimSpace(p); p != ""; p = strings.TrimSpace(p) {
		if p[0] == '\'' {
			if end := strings.IndexByte(p[1:], '\''); end >= 0 {
				out = append(out, p[1:end+1])
				p = p[end+2:]
				continue
			}
		}
		word, rest, _ := strings.Cut(p, " ")
		out = append(out, word)
		p = rest
	}
	return out
}
