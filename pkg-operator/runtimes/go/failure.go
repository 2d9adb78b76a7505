package lambdaruntime

import "net/http"

// invocationFailure says why an invocation did not succeed: the contract's error_type and the reply's HTTP status.
type invocationFailure struct {
	errorType  string
	message    string
	httpStatus int
}

func (f *invocationFailure) Error() string { return f.message }

func (f *invocationFailure) status() string {
	if f.errorType == "timeout" {
		return "timeout"
	}
	return "error"
}

func failure(errorType, message string) *invocationFailure {
	status := http.StatusInternalServerError
	switch errorType {
	case "validation":
		status = http.StatusBadRequest
	case "timeout":
		status = http.StatusGatewayTimeout
	}
	return &invocationFailure{errorType, message, status}
}
