package openapi

import (
	"encoding/json"
	"reflect"
	"slices"
)

// Schema is a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1),
// with the keywords this package writes. The zero Schema is {}, which any
// value matches.
type Schema struct {
	// Ref points at a schema of the document's components, as
	// "#/components/schemas/Name".
	Ref         string `json:"$ref,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is one type name, or several: a pointer's schema has its
	// element's type and "null".
	Type             Types  `json:"type,omitempty"`
	Format           string `json:"format,omitempty"`
	ContentEncoding  string `json:"contentEncoding,omitempty"`
	ContentMediaType string `json:"contentMediaType,omitempty"`
	Enum             []any  `json:"enum,omitempty"`
	Default          any    `json:"default,omitempty"`
	// Numeric bounds are kept as written in the validate tag, so a large
	// integer is not rounded through a float.
	Minimum              json.Number        `json:"minimum,omitempty"`
	ExclusiveMinimum     json.Number        `json:"exclusiveMinimum,omitempty"`
	Maximum              json.Number        `json:"maximum,omitempty"`
	ExclusiveMaximum     json.Number        `json:"exclusiveMaximum,omitempty"`
	MinLength            *uint64            `json:"minLength,omitempty"`
	MaxLength            *uint64            `json:"maxLength,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	MinItems             *uint64            `json:"minItems,omitempty"`
	MaxItems             *uint64            `json:"maxItems,omitempty"`
	UniqueItems          bool               `json:"uniqueItems,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties *Schema            `json:"additionalProperties,omitempty"`
	PropertyNames        *Schema            `json:"propertyNames,omitempty"`
	MinProperties        *uint64            `json:"minProperties,omitempty"`
	MaxProperties        *uint64            `json:"maxProperties,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	Deprecated           bool               `json:"deprecated,omitempty"`
	ReadOnly             bool               `json:"readOnly,omitempty"`
	WriteOnly            bool               `json:"writeOnly,omitempty"`
	Examples             []any              `json:"examples,omitempty"`

	// target is the named type a reference made by a Generator points at;
	// Generator.Components fills in Ref once every name is known.
	target reflect.Type
}

// Types is the "type" keyword: one name is written as a string, more as
// an array.
type Types []string

// MarshalJSON implements json.Marshaler.
func (t Types) MarshalJSON() ([]byte, error) {
	if len(t) == 1 {
		return json.Marshal(t[0])
	}
	return json.Marshal([]string(t))
}

// UnmarshalJSON implements json.Unmarshaler, accepting both forms.
func (t *Types) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*t = Types{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(t))
}

// Has reports whether name is one of the types.
func (t Types) Has(name string) bool { return slices.Contains(t, name) }

// clone returns a shallow copy of s whose slices and maps can be changed
// without changing s.
func (s *Schema) clone() *Schema {
	c := *s
	c.Type = slices.Clone(s.Type)
	c.Enum = slices.Clone(s.Enum)
	c.Required = slices.Clone(s.Required)
	c.AnyOf = slices.Clone(s.AnyOf)
	if s.Properties != nil {
		c.Properties = make(map[string]*Schema, len(s.Properties))
		for k, v := range s.Properties {
			c.Properties[k] = v
		}
	}
	return &c
}

// nullable returns s allowing null as well: "null" added to its type, or,
// for a reference or a schema without a type, anyOf s or null.
func nullable(s *Schema) *Schema {
	ref := s.Ref != "" || s.target != nil
	if !ref && len(s.Type) > 0 && len(s.AnyOf) == 0 {
		if s.Type.Has("null") {
			return s
		}
		c := s.clone()
		c.Type = append(c.Type, "null")
		if len(c.Enum) > 0 {
			c.Enum = append(c.Enum, nil)
		}
		return c
	}
	if !ref && s.isEmpty() {
		return s // {} already allows null
	}
	return &Schema{AnyOf: []*Schema{s, {Type: Types{"null"}}}}
}

// isEmpty reports whether s has no keyword at all.
func (s *Schema) isEmpty() bool {
	b, _ := json.Marshal(s)
	return string(b) == "{}"
}

func uintPtr(n uint64) *uint64 { return &n }
