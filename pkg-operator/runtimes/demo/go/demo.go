// Package demo holds demo handlers for the Go wrapper (LAMBDA_HANDLER=<name> at build time). Failures are
// deterministic (every Nth invocation of this process) so tests can compare Prometheus with what really happened.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"
)

var flakyCalls, timeoutCalls atomic.Int64

// Healthy always succeeds and echoes its input.
func Healthy(ctx context.Context, data json.RawMessage) (any, error) {
	return map[string]any{"ok": true, "echo": data}, nil
}

// Flaky fails every 10th invocation: a 10% error rate.
func Flaky(ctx context.Context, data json.RawMessage) (any, error) {
	if call := flakyCalls.Add(1); call%10 == 0 {
		return nil, fmt.Errorf("injected failure (invocation %d)", call)
	}
	return map[string]any{"ok": true, "echo": data}, nil
}

// Slow takes 300 ms: its P95 lies in the (0.25, 0.5] duration bucket.
func Slow(ctx context.Context, data json.RawMessage) (any, error) {
	time.Sleep(300 * time.Millisecond)
	return map[string]any{"ok": true, "slept_ms": 300}, nil
}

// SometimesTimeout outlives the function timeout every 5th invocation; the others answer at once.
func SometimesTimeout(ctx context.Context, data json.RawMessage) (any, error) {
	if timeoutCalls.Add(1)%5 == 0 {
		deadline, _ := ctx.Deadline()
		time.Sleep(time.Until(deadline) + 500*time.Millisecond)
	}
	return map[string]any{"ok": true}, nil
}
