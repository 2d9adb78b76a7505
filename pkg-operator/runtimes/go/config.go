package lambdaruntime

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the operator's env contract (contract RUNTIME_ENV) as the wrapper reads it.
type Config struct {
	FunctionName  string
	Namespace     string
	Timeout       time.Duration
	Port          int
	ListenAddress string
}

var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)

func requiredName(getenv func(string) string, name string) (string, error) {
	value := getenv(name)
	if value == "" {
		return "", fmt.Errorf("%s is required (the operator sets it on every function container)", name)
	}
	if !dnsLabel.MatchString(value) {
		return "", fmt.Errorf("%s=%q is not a Kubernetes object name (RFC 1123 label)", name, value)
	}
	return value, nil
}

func positive(getenv func(string) string, name string, fallback, max float64) (float64, error) {
	raw := getenv(name)
	if raw == "" {
		return fallback, nil
	}
	value, err := strconv.ParseFloat(raw, 64)
	if err != nil || !(value > 0 && value <= max) {
		return 0, fmt.Errorf("%s=%q must be a number in (0, %g]", name, raw, max)
	}
	return value, nil
}

// ReadConfig reads the env contract; the error names the bad variable. compiledHandler is the function build.sh
// linked in: a LAMBDA_HANDLER naming another one means the image is stale.
func ReadConfig(getenv func(string) string, compiledHandler string) (Config, error) {
	if runtime := getenv(envRuntime); runtime != "" && runtime != runtimeName {
		return Config{}, fmt.Errorf("%s=%s but this is the %s wrapper", envRuntime, runtime, runtimeName)
	}
	if handler := getenv(envHandler); handler != "" && handler[strings.LastIndex(handler, ".")+1:] != compiledHandler {
		return Config{}, fmt.Errorf("%s=%s but this binary was built with the handler %s: rebuild the image", envHandler, handler, compiledHandler)
	}
	function, err := requiredName(getenv, envFunction)
	if err != nil {
		return Config{}, err
	}
	namespace, err := requiredName(getenv, envNamespace)
	if err != nil {
		return Config{}, err
	}
	timeout, err := positive(getenv, envTimeoutSeconds, 30, 3600)
	if err != nil {
		return Config{}, err
	}
	port, err := positive(getenv, envPort, 8080, 65535)
	if err != nil || port != float64(int(port)) {
		return Config{}, fmt.Errorf("%s=%q must be an integer port", envPort, getenv(envPort))
	}
	address := getenv(envListenAddress)
	if address == "" {
		address = "0.0.0.0"
	}
	return Config{function, namespace, time.Duration(timeout * float64(time.Second)), int(port), address}, nil
}

func readConfigFromEnv(compiledHandler string) (Config, error) {
	return ReadConfig(os.Getenv, compiledHandler)
}
