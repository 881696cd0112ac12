package bench

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/go-playground/validator/v10"
)

// buildHumaMessages is huma v2 on a Go ServeMux (adapters/humago). Huma
// validates inputs against the JSON Schema it derives from the types'
// tags, with its own validator, so v is not used. The config is
// huma.DefaultConfig without the OpenAPI, docs and schema routes and
// without the schema-link transformer, which would add a `$schema` field
// to every body and a Link header. Bodies are encoded with huma's default
// JSON format, an encoding/json Encoder, so they end in a newline.
func buildHumaMessages(s *store, _ *validator.Validate) http.Handler {
	m := http.NewServeMux()
	api := humago.New(m, humaConfig())
	huma.Register(api, huma.Operation{OperationID: "get-message", Method: http.MethodGet, Path: "/message/{id}"},
		func(_ context.Context, in *ByID) (*humaMessage, error) {
			msg, ok := s.Get(in.ID)
			if !ok {
				return nil, huma.Error404NotFound("no such message")
			}
			return &humaMessage{Body: msg}, nil
		})
	huma.Register(api, huma.Operation{OperationID: "list-messages", Method: http.MethodGet, Path: "/message"},
		func(_ context.Context, in *Page) (*humaList, error) {
			return &humaList{Body: s.List(in.Author, in.Limit)}, nil
		})
	huma.Register(api, huma.Operation{OperationID: "new-message", Method: http.MethodPost, Path: "/message", DefaultStatus: http.StatusCreated},
		func(_ context.Context, in *humaNew) (*humaCreated, error) {
			id := s.Insert(in.Body)
			return &humaCreated{Location: "/message/" + strconv.FormatUint(id, 10), Body: id}, nil
		})
	return m
}

// humaConfig is huma.DefaultConfig with nothing that changes the
// answers or adds routes.
func humaConfig() huma.Config {
	cfg := huma.DefaultConfig("bench", "1.0.0")
	cfg.CreateHooks = nil
	cfg.OpenAPIPath, cfg.DocsPath, cfg.SchemasPath = "", "", ""
	return cfg
}

type humaMessage struct{ Body Message }

type humaList struct{ Body []Message }

type humaNew struct{ Body Message }

type humaCreated struct {
	Location string `header:"Location"`
	Body     uint64
}
