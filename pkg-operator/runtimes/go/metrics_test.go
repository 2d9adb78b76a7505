package lambdaruntime

import (
	"strings"
	"testing"
)

func TestTextExpositionUsesContractNamesAndLe(t *testing.T) {
	m := newFunctionMetrics("fn", "ns")
	m.recordInit(0.02)
	m.recordInvocation("success", "", 0.003, "")
	m.recordInvocation("timeout", "timeout", 31, "")
	contentType, body := m.expose("")
	if contentType != textContentType {
		t.Fatalf("content type %q", contentType)
	}
	for _, want := range []string{
		`knative_lambda_function_invocations_total{function="fn",namespace="ns",runtime="go",status="timeout"} 1`,
		`knative_lambda_function_errors_total{function="fn",namespace="ns",runtime="go",error_type="timeout"} 1`,
		`knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="go",le="0.005"} 1`,
		`knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="go",le="30"} 1`,
		`knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="go",le="+Inf"} 2`,
		`knative_lambda_function_duration_seconds_count{function="fn",namespace="ns",runtime="go"} 2`,
		`knative_lambda_function_cold_starts_total{function="fn",namespace="ns",runtime="go"} 1`,
		`knative_lambda_function_init_duration_seconds_count{function="fn",namespace="ns",runtime="go"} 1`,
		"# TYPE knative_lambda_function_invocations_total counter",
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("missing %s in\n%s", want, body)
		}
	}
	if strings.Contains(body, "# EOF") || strings.Contains(body, "trace_id") {
		t.Error("text format must have neither EOF nor exemplars")
	}
}

func TestOpenMetricsCarriesExemplarsAndCounterFamilies(t *testing.T) {
	m := newFunctionMetrics("fn", "ns")
	m.recordInvocation("success", "", 0.3, "4bf92f3577b34da6a3ce929d0e0e4736")
	contentType, body := m.expose("application/openmetrics-text;version=1.0.0")
	if contentType != openMetricsContentType || !strings.HasSuffix(body, "# EOF\n") {
		t.Fatalf("not OpenMetrics: %q", contentType)
	}
	if !strings.Contains(body, "# TYPE knative_lambda_function_invocations counter\n") {
		t.Error("counter family must drop _total in OpenMetrics")
	}
	exemplar := `knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="go",le="0.5"} 1 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 0.3 `
	if !strings.Contains(body, exemplar) {
		t.Errorf("missing exemplar on the 0.5 bucket:\n%s", body)
	}
}

func TestColdStartCountsOncePerProcess(t *testing.T) {
	m := newFunctionMetrics("fn", "ns")
	_, before := m.expose("")
	if !strings.Contains(before, `knative_lambda_function_cold_starts_total{function="fn",namespace="ns",runtime="go"} 0`) {
		t.Error("cold starts must be exposed as 0 before the first invocation")
	}
	for i := 0; i < 3; i++ {
		m.recordInvocation("success", "", 0.001, "")
	}
	_, after := m.expose("")
	if !strings.Contains(after, `knative_lambda_function_cold_starts_total{function="fn",namespace="ns",runtime="go"} 1`) {
		t.Error("cold starts must be 1 after any number of invocations")
	}
}

// BenchmarkExpose100Functions renders 100 functions' worth of series (npm run bench:runtimes prints it).
func BenchmarkExpose100Functions(b *testing.B) {
	functions := make([]*functionMetrics, 100)
	for i := range functions {
		functions[i] = newFunctionMetrics("fn-"+strings.Repeat("x", i%10), "bench")
		functions[i].recordInit(0.05)
		for n := 0; n < 50; n++ {
			functions[i].recordInvocation("success", "", float64(n)/100, "4bf92f3577b34da6a3ce929d0e0e4736")
		}
	}
	for _, accept := range []string{"", "application/openmetrics-text"} {
		name := "text"
		if accept != "" {
			name = "openmetrics"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, m := range functions {
					m.expose(accept)
				}
			}
		})
	}
}
