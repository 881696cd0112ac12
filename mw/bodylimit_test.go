package mw_test

import (
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
)

func TestBodyLimit(t *testing.T) {
	type note struct {
		Text string `json:"text"`
	}
	body := func(n int) string { return `{"text":"` + strings.Repeat("x", n-len(`{"text":""}`)) + `"}` }
	tests := []struct {
		name    string
		target  string
		body    string
		length  int64 // the declared Content-Length; 0 means len(body)
		status  int
		reached bool // whether the chain went on past BodyLimit
	}{
		{"under a lowered limit", "/small", body(64), 0, 200, true},
		{"over a lowered limit", "/small", body(65), 0, 413, false},
		{"declared over, refused early", "/small", body(20), 1000, 413, false},
		{"undeclared, over: the binder refuses", "/small", body(65), -1, 413, true},
		{"raised above the config", "/big", body(2000), 0, 200, true},
		{"over the raised limit", "/big", body(4097), 0, 413, false},
		{"the config's limit", "/default", body(1025), 0, 413, true},
		{"inner raise ignored", "/outer16/inner128", body(100), 0, 413, false},
		{"inner raise ignored, undeclared", "/outer16/inner128", body(100), -1, 413, true},
		{"inner lower applies", "/outer128/inner16", body(20), 0, 413, false},
		{"inner lower applies, undeclared", "/outer128/inner16", body(20), -1, 413, true},
		{"under both", "/outer128/inner16", body(16), 0, 200, true},
	}
	var reached bool
	reach := func(c *tideway.Call, next tideway.Next) error { reached = true; return next(c) }
	h := func(n note) int { return len(n.Text) }
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{BodyLimit: 1024}))
	app.At("/small").Use(mw.BodyLimit(64), reach).Post(h)
	app.At("/big").Use(mw.BodyLimit(4096), reach).Post(h)
	app.At("/default").Use(reach).Post(h)
	app.Nest("/outer16", func(r *tideway.Router) {
		r.Use(mw.BodyLimit(16))
		r.At("/inner128").Use(mw.BodyLimit(128), reach).Post(h)
	})
	app.Nest("/outer128", func(r *tideway.Router) {
		r.Use(mw.BodyLimit(128))
		r.At("/inner16").Use(mw.BodyLimit(16), reach).Post(h)
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached = false
			r := requestWithLength("POST", tt.target, tt.body, tt.length, "Content-Type", "application/json")
			w := serveRequest(app, r)
			want := ""
			if tt.status == 413 {
				want = `"status":413`
			}
			expect(t, w, tt.status, want)
			if reached != tt.reached {
				t.Errorf("chain reached past BodyLimit: %v, want %v", reached, tt.reached)
			}
		})
	}
}

func TestBodyLimitNotPositive(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("BodyLimit(0) did not panic")
		}
	}()
	mw.BodyLimit(0)
}
