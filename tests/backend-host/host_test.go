// Package backendhost is a conformance host for the backend executable, built on the libraries Grafana's
// plugin host uses: hashicorp/go-plugin as the client, configured as Grafana configures it, and the
// client side of grafana-plugin-sdk-go's grpcplugin. It launches the BUILT executable and calls it exactly
// as Grafana does.
package backendhost

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
)

// Grafana stores never-saved settings with Go's zero time: UnixNano()/1e6 overflows to this value.
const neverSavedMS = -6795364578871

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func executable(t *testing.T) string {
	t.Helper()
	path, err := filepath.Abs("../../dist/gpx_knative_lambda_linux_amd64")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing: run `npm run build:backend` first (npm test builds it): %v", path, err)
	}
	return path
}

// newGrafanaLikeClient mirrors Grafana's pkg/plugins/backendplugin/grpcplugin client configuration.
func newGrafanaLikeClient(t *testing.T, logs io.Writer) *plugin.Client {
	cmd := exec.Command(executable(t))
	cmd.Dir = t.TempDir() // Grafana does not set cmd.Dir: the plugin runs in Grafana's cwd, not its own dir
	return plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		VersionedPlugins: map[int]plugin.PluginSet{
			grpcplugin.ProtocolVersion: {
				"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
				"resource":    &grpcplugin.ResourceGRPCPlugin{},
			},
		},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		SkipHostEnv:      true, // Grafana >= 12.4 forwards no host environment
		Logger: hclog.New(&hclog.LoggerOptions{
			Name:       "plugin.knative-lambda-app",
			Level:      hclog.Trace,
			Output:     logs,
			JSONFormat: true,
		}),
	})
}

func pluginContext(role string) *pluginv2.PluginContext {
	ctx := &pluginv2.PluginContext{
		OrgId:    1,
		PluginId: "knative-lambda-app",
		AppInstanceSettings: &pluginv2.AppInstanceSettings{
			JsonData:                nil, // no settings row: Grafana sends empty bytes
			DecryptedSecureJsonData: map[string]string{},
			LastUpdatedMS:           neverSavedMS,
		},
		PluginVersion: "0.1.0",
		UserAgent:     "Grafana/13.1.1 (linux; amd64)",
	}
	if role != "" {
		ctx.User = &pluginv2.User{Login: "someone", Name: "Someone", Role: role}
	}
	return ctx
}

type resourceResult struct {
	code     int32
	headers  map[string]*pluginv2.StringList
	body     []byte
	messages int
}

func callResource(t *testing.T, rc grpcplugin.ResourceClient, req *pluginv2.CallResourceRequest) resourceResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err := rc.CallResource(ctx, req)
	if err != nil {
		t.Fatalf("CallResource %s: %v", req.Path, err)
	}
	var res resourceResult
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("CallResource %s stream: %v", req.Path, err)
		}
		if res.messages == 0 {
			res.code, res.headers = msg.Code, msg.Headers
		}
		res.body = append(res.body, msg.Body...)
		res.messages++
	}
	if res.messages == 0 || res.code < 100 || res.code > 999 {
		t.Fatalf("CallResource %s: Grafana needs a first message with a valid code, got %d messages, code %d", req.Path, res.messages, res.code)
	}
	return res
}

func TestBackendUnderGrafanaLikeHost(t *testing.T) {
	logs := &syncBuffer{}
	client := newGrafanaLikeClient(t, logs)
	defer client.Kill()

	rpc, err := client.Client()
	if err != nil {
		t.Fatalf("go-plugin could not start the backend: %v\nhost log:\n%s", err, logs)
	}
	if v := client.NegotiatedVersion(); v != 2 {
		t.Fatalf("negotiated protocol version %d, Grafana requires 2", v)
	}
	if err := rpc.Ping(); err != nil {
		t.Fatalf("Ping (grpc.health.v1 service \"plugin\"): %v", err)
	}
	rawResource, err := rpc.Dispense("resource")
	if err != nil {
		t.Fatal(err)
	}
	resource := rawResource.(grpcplugin.ResourceClient)
	rawDiagnostics, err := rpc.Dispense("diagnostics")
	if err != nil {
		t.Fatal(err)
	}
	diagnostics := rawDiagnostics.(grpcplugin.DiagnosticsClient)

	t.Run("CallResource", func(t *testing.T) {
		cases := []struct {
			path, method, url, role string
			body                    []byte
			code                    int32
			errorCode               string
		}{
			{"nope", "GET", "nope", "Viewer", nil, 404, "not_found"},
			{"functions/Bad_NS/x", "GET", "functions/Bad_NS/x", "Viewer", nil, 400, "bad_request"},
			{"functions", "GET", "functions?runtime=cobol", "Viewer", nil, 400, "bad_request"},
			{"functions", "GET", "functions", "", nil, 403, "forbidden"},
			{"operator/deploy", "POST", "operator/deploy", "Editor", []byte(`{"dryRun":true}`), 403, "forbidden"},
			{"operator/deploy", "POST", "operator/deploy", "Admin", bytes.Repeat([]byte(" "), 1<<20), 413, "payload_too_large"},
			{"functions", "GET", "functions", "Viewer", nil, 503, "not_configured"},
		}
		for _, c := range cases {
			res := callResource(t, resource, &pluginv2.CallResourceRequest{
				PluginContext: pluginContext(c.role),
				Path:          c.path,
				Method:        c.method,
				Url:           c.url,
				Headers:       map[string]*pluginv2.StringList{"Accept": {Values: []string{"application/json"}}},
				Body:          c.body,
			})
			if res.code != c.code {
				t.Errorf("%s %s: code %d, want %d (body %s)", c.method, c.url, res.code, c.code, res.body)
			}
			if ct := res.headers["Content-Type"]; ct == nil || len(ct.Values) != 1 || ct.Values[0] != "application/json" {
				t.Errorf("%s %s: Content-Type %v", c.method, c.url, ct)
			}
			var body struct{ Error, Message string }
			if err := json.Unmarshal(res.body, &body); err != nil || body.Error != c.errorCode || body.Message == "" {
				t.Errorf("%s %s: body %s (%v), want error %q with a message", c.method, c.url, res.body, err, c.errorCode)
			}
		}
	})

	t.Run("CheckHealth", func(t *testing.T) {
		res, err := diagnostics.CheckHealth(context.Background(), &pluginv2.CheckHealthRequest{
			PluginContext: pluginContext(""),
			Headers:       map[string]string{},
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != pluginv2.CheckHealthResponse_ERROR || res.Message == "" {
			t.Errorf("status %v message %q: want ERROR with a message (no Kubernetes here)", res.Status, res.Message)
		}
		// Grafana unmarshals jsonDetails into a map: it must be a JSON object
		var details map[string]any
		if err := json.Unmarshal(res.JsonDetails, &details); err != nil {
			t.Fatalf("jsonDetails is not a JSON object: %v: %s", err, res.JsonDetails)
		}
		if details["kubernetesReachable"] != false {
			t.Errorf("details %v", details)
		}
	})

	t.Run("CollectMetrics", func(t *testing.T) {
		res, err := diagnostics.CollectMetrics(context.Background(), &pluginv2.CollectMetricsRequest{
			PluginContext: &pluginv2.PluginContext{PluginId: "knative-lambda-app"},
		})
		if err != nil {
			t.Fatal(err)
		}
		text := string(res.Metrics.Prometheus)
		for _, want := range []string{
			`knative_lambda_backend_requests_total{route="unknown",code="404"} 1`,
			`knative_lambda_backend_requests_total{route="operator/deploy",code="413"} 1`,
			"# TYPE knative_lambda_backend_request_duration_seconds histogram",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
	})

	t.Run("Kill", func(t *testing.T) {
		started := time.Now()
		client.Kill() // Shutdown RPC, then up to 2 s before SIGKILL
		if elapsed := time.Since(started); elapsed > 1500*time.Millisecond {
			t.Errorf("Kill took %v: the backend did not exit promptly after Shutdown", elapsed)
		}
		if !client.Exited() {
			t.Error("process still running after Kill")
		}
		host := logs.String()
		if strings.Contains(host, "plugin failed to exit gracefully") {
			t.Errorf("go-plugin had to force-kill the backend:\n%s", host)
		}
	})

	t.Run("stderr parsed as hclog", func(t *testing.T) {
		// go-plugin re-logs each stderr line: JSON lines with their own level and message, anything else
		// raw at debug level. A raw line would carry the literal "@level" key.
		host := logs.String()
		if !strings.Contains(host, `"@message":"backend started"`) {
			t.Errorf("the backend's start log line did not reach the host logger:\n%s", host)
		}
		if strings.Contains(host, "Unimplemented") {
			t.Errorf("the host called a go-plugin service the backend does not implement:\n%s", host)
		}
		if strings.Contains(host, `\"@level\"`) || strings.Contains(host, "[DEBUG] {") {
			t.Errorf("a stderr line was not parsed as hclog JSON:\n%s", host)
		}
	})
}
