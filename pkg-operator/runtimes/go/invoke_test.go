package lambdaruntime

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func failureType(err error) string {
	var f *invocationFailure
	if errors.As(err, &f) {
		return f.errorType
	}
	return ""
}

func TestInvokeHandlerOutcomes(t *testing.T) {
	ok := func(ctx context.Context, data json.RawMessage) (any, error) { return map[string]int{"a": 1}, nil }
	if reply, err := invokeHandler(context.Background(), ok, nil, time.Second); err != nil || string(reply) != `{"a":1}` {
		t.Fatalf("ok: %s %v", reply, err)
	}
	fails := func(ctx context.Context, data json.RawMessage) (any, error) { return nil, errors.New("boom") }
	panics := func(ctx context.Context, data json.RawMessage) (any, error) { panic("boom") }
	hangs := func(ctx context.Context, data json.RawMessage) (any, error) {
		<-ctx.Done()
		time.Sleep(50 * time.Millisecond)
		return nil, nil
	}
	unencodable := func(ctx context.Context, data json.RawMessage) (any, error) { return func() {}, nil }
	for name, c := range map[string]struct {
		handler Handler
		want    string
	}{
		"error": {fails, "handler"}, "panic": {panics, "handler"}, "timeout": {hangs, "timeout"}, "serialization": {unencodable, "serialization"},
	} {
		if _, err := invokeHandler(context.Background(), c.handler, nil, 20*time.Millisecond); failureType(err) != c.want {
			t.Errorf("%s: got %v, want %s", name, err, c.want)
		}
	}
}

func TestReadConfig(t *testing.T) {
	env := map[string]string{envFunction: "fn", envNamespace: "ns", envTimeoutSeconds: "1.5", envHandler: "main.Handle"}
	config, err := ReadConfig(func(k string) string { return env[k] }, "Handle")
	if err != nil || config.Timeout != 1500*time.Millisecond || config.Port != 8080 || config.ListenAddress != "0.0.0.0" {
		t.Fatalf("%+v %v", config, err)
	}
	for key, bad := range map[string]string{envFunction: "", envNamespace: "Bad_Name", envTimeoutSeconds: "0", envPort: "80.5", envRuntime: "python", envHandler: "main.Other"} {
		broken := map[string]string{envFunction: "fn", envNamespace: "ns"}
		broken[key] = bad
		if _, err := ReadConfig(func(k string) string { return broken[k] }, "Handle"); err == nil {
			t.Errorf("%s=%q: want an error", key, bad)
		}
	}
}
