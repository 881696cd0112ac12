package bench

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
)

// buildHandwrittenMessages is the floor: plain net/http handlers on a Go
// 1.22+ ServeMux, doing by hand what the frameworks do for you and no more:
// r.PathValue and strconv, r.URL.Query(), a Content-Type check, an
// encoding/json decoder under a body limit (rejecting unknown fields, as
// Tideway does by default), validator/v10, and json.Marshal for results.
func buildHandwrittenMessages(s *store, v *validator.Validate) http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("GET /message/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
		if err != nil {
			http.Error(w, "bad id", http.StatusBadRequest)
			return
		}
		msg, ok := s.Get(id)
		if !ok {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		writeJSON(w, http.StatusOK, msg)
	})
	m.HandleFunc("GET /message", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit := 0
		if l := q.Get("limit"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil {
				http.Error(w, "bad limit", http.StatusBadRequest)
				return
			}
			if n < 1 || n > 100 {
				http.Error(w, "limit out of range", http.StatusUnprocessableEntity)
				return
			}
			limit = n
		}
		writeJSON(w, http.StatusOK, s.List(q.Get("author"), limit))
	})
	m.HandleFunc("POST /message", func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" && !strings.HasPrefix(ct, "application/json;") {
			http.Error(w, "want application/json", http.StatusUnsupportedMediaType)
			return
		}
		var msg Message
		dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&msg); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		if err := v.Struct(&msg); err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		id := strconv.FormatUint(s.Insert(msg), 10)
		w.Header().Set("Location", "/message/"+id)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, id)
	})
	return m
}

// writeJSON answers status with v encoded by json.Marshal.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "cannot encode", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}
