package openapi

import "slices"

// Doc is what an operation's Go types cannot say about it: its summary,
// description, tags and so on. In Tideway it is set through
// tideway.Config's Doc field at any level of the table of contents (the
// app, a router, a resource, one endpoint) and merged from the outside in
// with Merge.
type Doc struct {
	// Summary and Description of the operation.
	Summary     string
	Description string
	// Tags group operations in documentation tools.
	Tags []string
	// OperationID names the operation for code generators. By default it
	// is the handler func's name ("getMessage"), or the method and path
	// for a closure ("getMessageById"); Build makes every one unique by
	// adding a number to later ones.
	OperationID string
	// Deprecated marks the operation as deprecated.
	Deprecated bool
	// Hidden leaves the operation out of the document.
	Hidden bool
	// Errors are more error statuses the operation answers with, as
	// application/problem+json, besides those Build works out from the
	// binding plan: 401 from an authentication middleware, 409 from the
	// handler, and so on.
	Errors []int
}

// Merge returns d, the documentation of an outer level, with inner's
// laid over it: Summary, Description and OperationID are inner's when it
// sets them; Tags and Errors accumulate, outer ones first, without
// duplicates; Deprecated and Hidden hold if either level sets them, so a
// deprecated router deprecates every operation under it.
func (d Doc) Merge(inner Doc) Doc {
	if inner.Summary != "" {
		d.Summary = inner.Summary
	}
	if inner.Description != "" {
		d.Description = inner.Description
	}
	if inner.OperationID != "" {
		d.OperationID = inner.OperationID
	}
	d.Deprecated = d.Deprecated || inner.Deprecated
	d.Hidden = d.Hidden || inner.Hidden
	d.Tags = union(d.Tags, inner.Tags)
	d.Errors = union(d.Errors, inner.Errors)
	return d
}

// union returns a new slice with the elements of a, then those of b not
// in a, each once; nil if both are empty.
func union[T comparable](a, b []T) []T {
	if len(a)+len(b) == 0 {
		return nil
	}
	out := make([]T, 0, len(a)+len(b))
	for _, v := range slices.Concat(a, b) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
