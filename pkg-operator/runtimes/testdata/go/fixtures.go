// Package fixtures holds handlers for the conformance test.
package fixtures

import (
	"context"
	"encoding/json"
)

// Unserializable returns a result JSON cannot encode (error_type="serialization").
func Unserializable(ctx context.Context, data json.RawMessage) (any, error) {
	return map[string]any{"value": make(chan int)}, nil
}
