package nethttp_test

import (
	"testing"

	"github.com/tideway-go/tideway/adapters/adaptertest"
)

// TestConformance runs the adapter conformance suite over net/http.
func TestConformance(t *testing.T) { adaptertest.Run(t, adaptertest.NetHTTP()) }
