package lambdaruntime

import "testing"

func TestTraceIDOf(t *testing.T) {
	cases := map[string]string{
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01":   "4bf92f3577b34da6a3ce929d0e0e4736",
		" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 ": "4bf92f3577b34da6a3ce929d0e0e4736",
		"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01":   "",
		"00-00000000000000000000000000000000-00f067aa0ba902b7-01":   "",
		"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01":   "",
		"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01":   "",
		"garbage": "",
		"":        "",
	}
	for header, want := range cases {
		if got := traceIDOf(header); got != want {
			t.Errorf("traceIDOf(%q) = %q, want %q", header, got, want)
		}
	}
}
