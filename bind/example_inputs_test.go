package bind_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/internal/viewtest"
)

type Session struct {
	ID string `cookie:"session" validate:"required"`
}

type Signup struct {
	Title string   `form:"title" validate:"required,max=100"`
	Tags  []string `form:"tags"`
}

type Upload struct {
	Avatar *multipart.FileHeader `form:"avatar" validate:"required"`
	Note   string                `form:"note"`
}

// Example_inputs binds a cookie, an urlencoded form, and a multipart
// upload, and shows their error keys.
func Example_inputs() {
	signup := func(s Session, f Signup) string { return fmt.Sprintf("%s: %q %q", s.ID, f.Title, f.Tags) }
	upload := func(u Upload) (string, error) {
		f, err := u.Avatar.Open() // valid until the handler returns
		if err != nil {
			return "", err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		return fmt.Sprintf("%s (%d bytes): %s, note %q", u.Avatar.Filename, u.Avatar.Size, b, u.Note), err
	}
	call := func(fn any, req *viewtest.Request) {
		plan, err := bind.Compile(fn, bind.Options{Route: "POST /x"})
		if err != nil {
			panic(err)
		}
		out, err := plan.Call(viewtest.NewResponse(), req, nil, 0)
		var be *bind.Error
		switch {
		case errors.As(err, &be):
			fmt.Println(be.Status, be.Fields)
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println(out)
		}
	}
	form := "application/x-www-form-urlencoded"
	call(signup, viewtest.NewRequest("POST", "/x", "title=Hi&tags=a&tags=b", "Content-Type", form, "Cookie", "session=abc"))
	call(signup, viewtest.NewRequest("POST", "/x", "title=Hi&tags.-1=a", "Content-Type", form, "Cookie", "session=a b"))
	call(signup, viewtest.NewRequest("POST", "/x", `{"title":"Hi"}`, "Content-Type", "application/json", "Cookie", "session=abc"))

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("avatar", "me.txt")
	fw.Write([]byte("hello"))
	w.WriteField("note", "hi")
	w.Close()
	call(upload, viewtest.NewRequest("POST", "/x", body.String(), "Content-Type", w.FormDataContentType()))
	call(upload, viewtest.NewRequest("POST", "/x", "note=hi", "Content-Type", form))
	// Output:
	// abc: "Hi" ["a" "b"]
	// 400 [{cookie session is not a valid cookie value} {form tags.-1 has a negative or malformed index "-1"}]
	// unsupported Content-Type "application/json"; send application/x-www-form-urlencoded or multipart/form-data
	// me.txt (5 bytes): hello, note "hi"
	// unsupported Content-Type "application/x-www-form-urlencoded"; send multipart/form-data
}
