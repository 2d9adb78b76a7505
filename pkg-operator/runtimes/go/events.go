package lambdaruntime

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Reply rule (identical in every runtime): the reply is a binary-mode CloudEvent of type
// io.knative.lambda.response.<status> with source io.knative.lambda/<namespace>/<function> and NO subject.
// Function triggers filter on subject == <function> and never on the response type namespace, so a reply cannot
// re-trigger the function that produced it. A request that is itself a response event gets no reply event at all.
const responseTypePrefix = "io.knative.lambda.response."

type decodedRequest struct {
	data  json.RawMessage
	event map[string]string // nil for a plain JSON request
}

func invalid(format string, args ...any) *invocationFailure {
	return failure("validation", fmt.Sprintf(format, args...))
}

func mediaType(contentType string) string {
	return strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
}

func isJSON(media string) bool {
	return media == "" || media == "application/json" || media == "text/json" || strings.HasSuffix(media, "+json")
}

func parseJSON(body []byte, what string) (json.RawMessage, error) {
	if len(body) == 0 {
		return json.RawMessage("null"), nil
	}
	if !json.Valid(body) {
		var probe any
		err := json.Unmarshal(body, &probe)
		return nil, invalid("%s is not valid JSON (%v)", what, err)
	}
	return json.RawMessage(body), nil
}

func checkAttributes(attributes map[string]string) (map[string]string, error) {
	if attributes["specversion"] != "1.0" {
		return nil, invalid("unsupported CloudEvents specversion %q (want \"1.0\")", attributes["specversion"])
	}
	var missing []string
	for _, name := range []string{"id", "source", "type"} {
		if attributes[name] == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, invalid("CloudEvent is missing required attribute(s): %s", strings.Join(missing, ", "))
	}
	return attributes, nil
}

func stringData(body []byte) json.RawMessage {
	encoded, _ := json.Marshal(string(body))
	return encoded
}

func decodeBinary(header http.Header, body []byte) (decodedRequest, error) {
	attributes := map[string]string{}
	for name, values := range header {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "ce-") {
			attributes[lower[3:]] = strings.Join(values, ",")
		}
	}
	media := mediaType(header.Get("Content-Type"))
	if media != "" {
		attributes["datacontenttype"] = media
	}
	data := stringData(body)
	if isJSON(media) {
		var err error
		if data, err = parseJSON(body, "event data"); err != nil {
			return decodedRequest{}, err
		}
	}
	checked, err := checkAttributes(attributes)
	return decodedRequest{data, checked}, err
}

func decodeStructured(body []byte) (decodedRequest, error) {
	var envelope map[string]json.RawMessage
	if err := json.Unmarshal(body, &envelope); err != nil || envelope == nil {
		return decodedRequest{}, invalid("structured CloudEvent must be a JSON object (%v)", err)
	}
	data := json.RawMessage("null")
	if raw, ok := envelope["data"]; ok {
		data = raw
	}
	attributes := map[string]string{}
	for name, raw := range envelope {
		var text string
		if json.Unmarshal(raw, &text) != nil {
			text = string(raw)
		}
		switch name {
		case "data":
		case "data_base64":
			decoded, err := base64.StdEncoding.DecodeString(text)
			if err != nil {
				return decodedRequest{}, invalid("data_base64 is not base64 (%v)", err)
			}
			data = stringData(decoded)
		default:
			attributes[strings.ToLower(name)] = text
		}
	}
	checked, err := checkAttributes(attributes)
	return decodedRequest{data, checked}, err
}

// decodeRequest accepts plain JSON, CloudEvents binary mode (ce-* headers) and structured mode.
func decodeRequest(header http.Header, body []byte) (decodedRequest, error) {
	switch mediaType(header.Get("Content-Type")) {
	case "application/cloudevents-batch+json":
		return decodedRequest{}, invalid("CloudEvents batch mode is not supported: send one event per request")
	case "application/cloudevents+json":
		return decodeStructured(body)
	}
	if header.Get("Ce-Specversion") != "" {
		return decodeBinary(header, body)
	}
	data, err := parseJSON(body, "request body")
	return decodedRequest{data: data}, err
}

func isResponseEvent(event map[string]string) bool {
	return strings.HasPrefix(event["type"], responseTypePrefix)
}

func newEventID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func setReplyHeaders(header http.Header, namespace, function, status string) {
	header.Set("Ce-Specversion", "1.0")
	header.Set("Ce-Id", newEventID())
	header.Set("Ce-Source", "io.knative.lambda/"+namespace+"/"+function)
	header.Set("Ce-Type", responseTypePrefix+status)
	header.Set("Ce-Time", time.Now().UTC().Format(time.RFC3339Nano))
	header.Set("Content-Type", "application/json")
}
