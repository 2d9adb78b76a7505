package lambdaruntime

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	textContentType        = "text/plain; version=0.0.4; charset=utf-8"
	openMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8"
)

type exemplar struct {
	traceID string
	value   float64
	at      time.Time
}

type histogram struct {
	bounds    []float64
	counts    []uint64 // per bucket, not cumulative; the last one is +Inf
	exemplars []*exemplar
	sum       float64
	count     uint64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1), exemplars: make([]*exemplar, len(bounds)+1)}
}

func (h *histogram) observe(value float64, traceID string) {
	i := sort.SearchFloat64s(h.bounds, value)
	h.counts[i]++
	h.sum += value
	h.count++
	if traceID != "" {
		h.exemplars[i] = &exemplar{traceID, value, time.Now()}
	}
}

// functionMetrics holds the contract's function metrics in memory and renders them on scrape.
type functionMetrics struct {
	mu           sync.Mutex
	identity     string // rendered identity labels
	invocations  map[string]uint64
	errors       map[string]uint64
	coldStarts   uint64
	servedFirst  bool
	inFlight     int64
	duration     *histogram
	initDuration *histogram
	initObserved bool
}

func newFunctionMetrics(function, namespace string) *functionMetrics {
	m := &functionMetrics{
		identity:     renderIdentity(function, namespace),
		invocations:  map[string]uint64{},
		errors:       map[string]uint64{},
		duration:     newHistogram(metricDuration.buckets),
		initDuration: newHistogram(metricInitDuration.buckets),
	}
	for _, status := range invocationStatuses {
		m.invocations[status] = 0
	}
	for _, errorType := range errorTypes {
		m.errors[errorType] = 0
	}
	return m
}

func renderIdentity(function, namespace string) string {
	values := []string{function, namespace, runtimeName}
	pairs := make([]string, len(identityLabels))
	for i, label := range identityLabels {
		pairs[i] = label + `="` + escape(values[i]) + `"`
	}
	return strings.Join(pairs, ",")
}

// recordInvocation is called exactly once per invocation, whatever its outcome.
func (m *functionMetrics) recordInvocation(status, errorType string, seconds float64, traceID string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.servedFirst {
		m.servedFirst = true
		m.coldStarts++
	}
	m.invocations[status]++
	if errorType != "" {
		m.errors[errorType]++
	}
	m.duration.observe(seconds, traceID)
}

func (m *functionMetrics) recordInit(seconds float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.initDuration.observe(seconds, "")
	m.initObserved = true
}

func (m *functionMetrics) addInFlight(delta int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inFlight += delta
}

func number(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var (
	labelEscaper    = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	textHelpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`) // text format 0.0.4 leaves quotes in HELP as they are
)

func escape(value string) string { return labelEscaper.Replace(value) }

type sampleWriter struct {
	b           strings.Builder
	identity    string // rendered identity labels, e.g. function="f",namespace="n",runtime="go"
	openMetrics bool
}

func (w *sampleWriter) family(spec metricSpec) {
	name := spec.name
	if w.openMetrics && spec.kind == "counter" {
		name = strings.TrimSuffix(name, "_total")
	}
	help := textHelpEscaper.Replace(spec.help)
	if w.openMetrics {
		help = escape(spec.help)
	}
	w.b.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + spec.kind + "\n")
}

func (w *sampleWriter) sample(name, extraName, extraValue, value string, ex *exemplar) {
	w.b.WriteString(name)
	w.b.WriteByte('{')
	w.b.WriteString(w.identity)
	if extraName != "" {
		w.b.WriteString("," + extraName + `="` + escape(extraValue) + `"`)
	}
	w.b.WriteString("} " + value)
	if w.openMetrics && ex != nil {
		w.b.WriteString(` # {trace_id="` + escape(ex.traceID) + `"} ` + number(ex.value) + " " + strconv.FormatFloat(float64(ex.at.UnixMilli())/1000, 'f', 3, 64))
	}
	w.b.WriteByte('\n')
}

func (w *sampleWriter) histogram(spec metricSpec, h *histogram) {
	w.family(spec)
	var cumulative uint64
	for i, le := range spec.le {
		cumulative += h.counts[i]
		w.sample(spec.name+"_bucket", "le", le, strconv.FormatUint(cumulative, 10), h.exemplars[i])
	}
	w.sample(spec.name+"_sum", "", "", number(h.sum), nil)
	w.sample(spec.name+"_count", "", "", strconv.FormatUint(h.count, 10), nil)
}

func (w *sampleWriter) labelledCounter(spec metricSpec, label string, values []string, counts map[string]uint64) {
	w.family(spec)
	for _, value := range values {
		w.sample(spec.name, label, value, strconv.FormatUint(counts[value], 10), nil)
	}
}

// histogramOnce writes only the family header until the histogram has its first observation.
func (w *sampleWriter) histogramOnce(spec metricSpec, h *histogram, observed bool) {
	if observed {
		w.histogram(spec, h)
	} else {
		w.family(spec)
	}
}

// expose renders OpenMetrics (with trace_id exemplars) when the Accept header asks for it, else text 0.0.4.
func (m *functionMetrics) expose(accept string) (contentType, body string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := &sampleWriter{identity: m.identity, openMetrics: strings.Contains(accept, "application/openmetrics-text")}
	w.labelledCounter(metricInvocations, "status", invocationStatuses, m.invocations)
	w.labelledCounter(metricErrors, "error_type", errorTypes, m.errors)
	w.histogramOnce(metricDuration, m.duration, m.servedFirst)
	w.family(metricColdStarts)
	w.sample(metricColdStarts.name, "", "", strconv.FormatUint(m.coldStarts, 10), nil)
	w.histogramOnce(metricInitDuration, m.initDuration, m.initObserved)
	w.family(metricInFlight)
	w.sample(metricInFlight.name, "", "", strconv.FormatInt(m.inFlight, 10), nil)
	if w.openMetrics {
		w.b.WriteString("# EOF\n")
		return openMetricsContentType, w.b.String()
	}
	return textContentType, w.b.String()
}
