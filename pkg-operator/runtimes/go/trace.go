package lambdaruntime

import (
	"regexp"
	"strings"
)

var traceparent = regexp.MustCompile(`^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$`)

// traceIDOf returns the trace id of a valid W3C traceparent header, else "" (invalid headers are ignored).
func traceIDOf(header string) string {
	m := traceparent.FindStringSubmatch(strings.TrimSpace(header))
	if m == nil || m[1] == "ff" || strings.Trim(m[2], "0") == "" || strings.Trim(m[3], "0") == "" {
		return ""
	}
	return m[2]
}
