package openapi

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Components returns the component schemas collected so far, by name,
// and fills in the Ref of every reference handed out: names are the Go
// type names ("Message"; a generic type's arguments appended, as
// "PageMessage"), qualified by package ("respond.Problem") only where two
// types share a name, with as much of the import path as it takes to tell
// them apart. Names depend only on the set of types, never on the order
// they were met in, so a document's bytes are stable. Call it again after
// more calls to Schema: references are renamed to match.
func (g *Generator) Components() map[string]*Schema {
	names := componentNames(slices.Collect(func(yield func(reflect.Type) bool) {
		for t := range g.named {
			if !yield(t) {
				return
			}
		}
	}))
	out := make(map[string]*Schema, len(g.named))
	for t, s := range g.named {
		out[names[t]] = s
		for _, r := range g.refs[t] {
			r.Ref = "#/components/schemas/" + names[t]
		}
	}
	return out
}

// componentNames names each type uniquely.
func componentNames(types []reflect.Type) map[reflect.Type]string {
	byBase := map[string][]reflect.Type{}
	for _, t := range types {
		base := baseName(t)
		byBase[base] = append(byBase[base], t)
	}
	names := map[reflect.Type]string{}
	for base, group := range byBase {
		if len(group) == 1 {
			names[group[0]] = base
			continue
		}
		// Name holds a generic type's arguments with their full import
		// paths, so it tells apart Page[a/models.User] and
		// Page[b/models.User], whose signatures read the same.
		slices.SortFunc(group, func(a, b reflect.Type) int {
			return cmp.Or(strings.Compare(a.PkgPath(), b.PkgPath()), strings.Compare(a.Name(), b.Name()), strings.Compare(signature(a), signature(b)))
		})
		// Qualify by as many trailing elements of the import path as it
		// takes to tell them apart.
		for depth := 1; ; depth++ {
			qualified := map[reflect.Type]string{}
			distinct := map[string]bool{}
			paths := map[string]bool{}
			longest := 0
			for _, t := range group {
				parts := strings.Split(t.PkgPath(), "/")
				longest = max(longest, len(parts))
				n := sanitize(strings.Join(parts[max(0, len(parts)-depth):], ".")) + "." + base
				qualified[t] = n
				distinct[n] = true
				paths[t.PkgPath()] = true
			}
			if len(distinct) < len(paths) && depth < longest {
				continue
			}
			// Types that still share a name are declared in funcs of one
			// package: number all but the first.
			seen := map[string]int{}
			for _, t := range group {
				n := qualified[t]
				if seen[n]++; seen[n] > 1 {
					n += strconv.Itoa(seen[n])
				}
				names[t] = n
			}
			break
		}
	}
	return names
}

// signature describes a type's structure, to order types that have the
// same name and package (declared in different funcs).
func signature(t reflect.Type) string {
	if t.Kind() != reflect.Struct {
		return t.Kind().String()
	}
	var b strings.Builder
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		b.WriteString(f.Name + " " + f.Type.String() + " " + string(f.Tag) + ";")
	}
	return b.String()
}

// baseName is a type's name without its package, with a generic type's
// arguments written after it in CamelCase: Page[example.com/app.Message]
// is "PageMessage".
func baseName(t reflect.Type) string {
	name := t.Name()
	generic, args, ok := strings.Cut(name, "[")
	if !ok {
		return sanitize(name)
	}
	var b strings.Builder
	b.WriteString(sanitize(generic))
	for _, tok := range strings.FieldsFunc(args, func(c rune) bool {
		return !(c == '_' || c == '.' || c == '/' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
	}) {
		tok = tok[strings.LastIndexByte(tok, '.')+1:] // drop the import path
		if tok == "" {
			continue
		}
		b.WriteString(strings.ToUpper(tok[:1]) + sanitize(tok[1:]))
	}
	return b.String()
}

// sanitize keeps the characters a component name may have: letters,
// digits, ".", "-" and "_"; others become "_".
func sanitize(s string) string {
	return strings.Map(func(c rune) rune {
		if c == '.' || c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return c
		}
		return '_'
	}, s)
}
