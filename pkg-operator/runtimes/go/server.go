package lambdaruntime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// maxBodyBytes: larger request bodies are refused (413) and counted as validation errors.
const maxBodyBytes = 6 << 20

type wrapper struct {
	config  Config
	handler Handler
	metrics *functionMetrics
	log     *slog.Logger
	served  atomic.Bool // set by the first invocation of this process
}

type outcome struct {
	status     string
	errorType  string
	httpStatus int
	body       []byte
	event      map[string]string
}

func failureOutcome(err error, event map[string]string) outcome {
	var f *invocationFailure
	if !errors.As(err, &f) {
		f = failure("handler", err.Error())
	}
	body, _ := json.Marshal(map[string]any{"error": map[string]string{"type": f.errorType, "message": f.message}})
	return outcome{f.status(), f.errorType, f.httpStatus, body, event}
}

func bodyTooLarge() outcome {
	f := failure("validation", fmt.Sprintf("request body exceeds %d bytes", maxBodyBytes))
	f.httpStatus = http.StatusRequestEntityTooLarge
	return failureOutcome(f, nil)
}

func (w *wrapper) run(rw http.ResponseWriter, r *http.Request) outcome {
	if r.ContentLength > maxBodyBytes {
		return bodyTooLarge() // refused before reading: a client that waits for the answer before sending gets it
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return bodyTooLarge()
	} else if err != nil {
		return failureOutcome(failure("validation", "reading the request body failed: "+err.Error()), nil)
	}
	request, err := decodeRequest(r.Header, body)
	if err != nil {
		return failureOutcome(err, nil)
	}
	reply, err := invokeHandler(context.Background(), w.handler, request.data, w.config.Timeout)
	if err != nil {
		return failureOutcome(err, request.event)
	}
	return outcome{"success", "", http.StatusOK, reply, request.event}
}

func (w *wrapper) invoke(rw http.ResponseWriter, r *http.Request) {
	started := time.Now()
	traceID := traceIDOf(r.Header.Get("Traceparent"))
	w.metrics.addInFlight(1)
	result := w.run(rw, r)
	w.metrics.addInFlight(-1)
	seconds := time.Since(started).Seconds()
	w.metrics.recordInvocation(result.status, result.errorType, seconds, traceID)
	cold := w.served.CompareAndSwap(false, true)
	attrs := []any{"function", w.config.FunctionName, "namespace", w.config.Namespace, "runtime", runtimeName,
		"status", result.status, "duration_ms", float64(time.Since(started).Microseconds()) / 1000, "cold_start", cold}
	if result.errorType != "" {
		attrs = append(attrs, "error_type", result.errorType)
	}
	if traceID != "" {
		attrs = append(attrs, "trace_id", traceID)
	}
	if id := result.event["id"]; id != "" {
		attrs = append(attrs, "event_id", id)
	}
	level := slog.LevelInfo
	if result.status != "success" {
		level = slog.LevelError
	}
	w.log.Log(context.Background(), level, "invocation", attrs...)
	if isResponseEvent(result.event) {
		rw.Header().Set("Content-Type", "application/json")
		if result.status == "success" {
			rw.WriteHeader(http.StatusAccepted)
			return
		}
		rw.WriteHeader(result.httpStatus)
		_, _ = rw.Write(result.body)
		return
	}
	setReplyHeaders(rw.Header(), w.config.Namespace, w.config.FunctionName, result.status)
	rw.WriteHeader(result.httpStatus)
	_, _ = rw.Write(result.body)
}

func writeJSON(rw http.ResponseWriter, status int, payload any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	_ = json.NewEncoder(rw).Encode(payload)
}

// ServeHTTP routes POST / to the handler, GET /health and GET /metrics.
func (w *wrapper) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/" && r.Method == http.MethodPost:
		w.invoke(rw, r)
	case r.URL.Path == "/health" && r.Method == http.MethodGet:
		writeJSON(rw, http.StatusOK, map[string]string{"status": "ok"})
	case r.URL.Path == "/metrics" && r.Method == http.MethodGet:
		contentType, body := w.metrics.expose(r.Header.Get("Accept"))
		rw.Header().Set("Content-Type", contentType)
		_, _ = io.WriteString(rw, body)
	case r.URL.Path == "/" || r.URL.Path == "/health" || r.URL.Path == "/metrics":
		writeJSON(rw, http.StatusMethodNotAllowed, map[string]string{"error": "method " + r.Method + " not allowed on " + r.URL.Path})
	default:
		writeJSON(rw, http.StatusNotFound, map[string]string{"error": "no route " + strings.TrimSpace(r.URL.Path)})
	}
}
