package lambdaruntime

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Handler is the user's function: it receives the event data (JSON) and a context whose deadline is the
// function timeout; its result is encoded as JSON.
type Handler func(ctx context.Context, data json.RawMessage) (any, error)

type handlerResult struct {
	value any
	err   error
}

// invokeHandler runs the handler under the timeout and returns its JSON reply. A handler that outlives the
// timeout cannot be stopped: its goroutine runs on (with a cancelled context), but the request is answered (504).
func invokeHandler(parent context.Context, handler Handler, data json.RawMessage, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	done := make(chan handlerResult, 1)
	go func() {
		defer func() {
			if recovered := recover(); recovered != nil {
				done <- handlerResult{err: fmt.Errorf("panic: %v", recovered)}
			}
		}()
		value, err := handler(ctx, data)
		done <- handlerResult{value, err}
	}()
	select {
	case result := <-done:
		if result.err != nil {
			return nil, failure("handler", result.err.Error())
		}
		encoded, err := json.Marshal(result.value)
		if err != nil {
			return nil, failure("serialization", fmt.Sprintf("handler result could not be encoded as JSON (%v)", err))
		}
		return encoded, nil
	case <-ctx.Done():
		return nil, failure("timeout", fmt.Sprintf("handler did not finish within %gs", timeout.Seconds()))
	}
}
