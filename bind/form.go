package bind

import (
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"os"
	"reflect"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// Form media types.
const (
	mediaURLEncoded = "application/x-www-form-urlencoded"
	mediaMultipart  = "multipart/form-data"
)

// formPlan binds the form: fields of one struct from a form body: an
// urlencoded body, or the values and files of a multipart/form-data body.
type formPlan struct {
	fields []*field          // every form: field, in struct order
	values *queryPlan        // the fields that take values (always set, maybe empty)
	files  map[string]*field // the fields that take files (field.file), by form key
	kinds  []string          // the media types accepted, in order of preference
	want   string            // kinds, in words, for a 415
}

var (
	fileHeaderType = reflect.TypeFor[multipart.FileHeader]()
	osFileType     = reflect.TypeFor[os.File]()
	readerType     = reflect.TypeFor[io.Reader]()
)

// checkFormField classifies form field f of type t: a file field
// (*multipart.FileHeader or []*multipart.FileHeader) or a value field of
// a type gorilla/schema can decode, given the types with converters.
func checkFormField(f *field, t reflect.Type, custom map[reflect.Type]bool) error {
	if f.name == "" || f.name == "-" {
		return fmt.Errorf("form tag needs a key name, e.g. `form:\"title\"`")
	}
	switch t {
	case reflect.PointerTo(fileHeaderType):
		f.file = oneFile
		return nil
	case reflect.SliceOf(reflect.PointerTo(fileHeaderType)):
		f.file = manyFiles
		return nil
	}
	if mentionsFileHeader(t) {
		return fmt.Errorf("has type %s; a file field is *multipart.FileHeader (one file) or []*multipart.FileHeader (several)", t)
	}
	return checkQueryType(t, "form", custom, map[reflect.Type]bool{})
}

// mentionsFileHeader reports whether t looks like a file: it is
// multipart.FileHeader, os.File or an interface with a Read method, or a
// pointer, slice, array or map of one.
func mentionsFileHeader(t reflect.Type) bool {
	for {
		if t == fileHeaderType || t == osFileType || t.Kind() == reflect.Interface && t.Implements(readerType) {
			return true
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem()
		default:
			return false
		}
	}
}

// compileForm gathers a's form fields into a.form. The values plan is
// made later, once presence bits are assigned.
func (p *Plan) compileForm(a *arg, fail func(string, string, ...any) error) error {
	fp := &formPlan{files: map[string]*field{}}
	for _, f := range a.fields {
		if f.loc != locForm {
			continue
		}
		fp.fields = append(fp.fields, f)
		if f.file != noFile {
			if strings.Contains(f.name, ".") {
				return fail(f.goName, "form key %q contains \".\", which separates nested keys", f.name)
			}
			fp.files[f.name] = f
		}
	}
	if len(fp.fields) == 0 {
		return nil
	}
	if hasJSONTag(a.typ) {
		return fail(fp.fields[0].goName, "is a form: field, but %s also has json: fields; a body is either JSON or a form, so use one kind of tag in it", a.typ)
	}
	if len(fp.files) > 0 {
		// Only multipart/form-data carries files.
		fp.kinds = []string{mediaMultipart}
		fp.want = mediaMultipart
	} else {
		fp.kinds = []string{mediaURLEncoded, mediaMultipart}
		fp.want = mediaURLEncoded + " or " + mediaMultipart
	}
	a.form = fp
	return nil
}

// bodyKind names what kind of body a takes, for messages.
func (a *arg) bodyKind() string {
	if a.form != nil {
		return "a form body (form: fields)"
	}
	return "a JSON body (json: fields)"
}

// bodyMediaTypes returns the media types a's body may have: nil when a
// takes no body, application/json for a JSON body (any "+json" type is
// accepted too), and for a form body multipart/form-data, preceded by
// application/x-www-form-urlencoded when the struct takes no files.
func (a *arg) bodyMediaTypes() []string {
	switch {
	case a.body != nil:
		return []string{"application/json"}
	case a.form != nil:
		return a.form.kinds
	}
	return nil
}

// bindForm checks the Content-Type, reads the form body under the limit
// and binds it into v's form fields. It returns the presence bits of the
// form keys sent. Malformed input goes to c; a wrong media type or an
// oversized body is returned as an error.
func (p *Plan) bindForm(a *arg, r view.Request, v reflect.Value, bodyLimit int64, c *collector) (uint64, error) {
	ct, _ := r.Header("Content-Type")
	mt, params := ct, map[string]string(nil)
	if ct != mediaURLEncoded {
		var err error
		if mt, params, err = mime.ParseMediaType(ct); err != nil {
			mt = ""
		}
	}
	multipartOnly := len(a.form.kinds) == 1
	if !(mt == mediaMultipart || mt == mediaURLEncoded && !multipartOnly) {
		return 0, &MediaTypeError{Got: ct, Want: a.form.want}
	}
	limit := p.bodyLimit(bodyLimit)
	if r.ContentLength() > limit {
		return 0, &BodyTooLargeError{Limit: limit}
	}
	if mt == mediaMultipart {
		return p.bindMultipart(a, r, params["boundary"], limit, v, c)
	}
	buf := getBuf()
	defer putBuf(buf)
	if ok, err := readBody(r, limit, buf, locForm.String(), c); !ok {
		return 0, err
	}
	return p.bindValues(a.form.values, buf.String(), v, c, true), nil
}
