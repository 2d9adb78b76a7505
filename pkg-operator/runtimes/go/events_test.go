package lambdaruntime

import (
	"errors"
	"net/http"
	"testing"
)

func header(pairs ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(pairs); i += 2 {
		h.Set(pairs[i], pairs[i+1])
	}
	return h
}

func TestDecodeRequestModes(t *testing.T) {
	plain, err := decodeRequest(header(), []byte(`{"a":1}`))
	if err != nil || string(plain.data) != `{"a":1}` || plain.event != nil {
		t.Fatalf("plain: %+v %v", plain, err)
	}
	binary, err := decodeRequest(header("Ce-Specversion", "1.0", "Ce-Id", "1", "Ce-Source", "s", "Ce-Type", "t", "Ce-Subject", "fn", "Content-Type", "text/plain"), []byte("hi"))
	if err != nil || string(binary.data) != `"hi"` || binary.event["subject"] != "fn" || binary.event["datacontenttype"] != "text/plain" {
		t.Fatalf("binary: %+v %v", binary, err)
	}
	structured, err := decodeRequest(header("Content-Type", "application/cloudevents+json; charset=utf-8"), []byte(`{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"b":2}}`))
	if err != nil || string(structured.data) != `{"b":2}` || structured.event["type"] != "t" {
		t.Fatalf("structured: %+v %v", structured, err)
	}
	empty, err := decodeRequest(header(), nil)
	if err != nil || string(empty.data) != "null" {
		t.Fatalf("empty: %+v %v", empty, err)
	}
}

func TestDecodeRequestRejectsBadInputAsValidation(t *testing.T) {
	bad := []struct {
		header http.Header
		body   string
	}{
		{header(), `{nope`},
		{header("Ce-Specversion", "0.3", "Ce-Id", "1", "Ce-Source", "s", "Ce-Type", "t"), `{}`},
		{header("Ce-Specversion", "1.0", "Ce-Source", "s", "Ce-Type", "t"), `{}`},
		{header("Content-Type", "application/cloudevents+json"), `[1]`},
		{header("Content-Type", "application/cloudevents-batch+json"), `[]`},
		{header("Content-Type", "application/cloudevents+json"), `{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"***"}`},
	}
	for _, c := range bad {
		_, err := decodeRequest(c.header, []byte(c.body))
		var f *invocationFailure
		if !errors.As(err, &f) || f.errorType != "validation" || f.httpStatus != http.StatusBadRequest {
			t.Errorf("%v %q: got %v, want a validation failure", c.header, c.body, err)
		}
	}
}

func TestReplyHeadersFollowTheReplyRule(t *testing.T) {
	h := http.Header{}
	setReplyHeaders(h, "ns", "fn", "error")
	if h.Get("Ce-Type") != "io.knative.lambda.response.error" || h.Get("Ce-Source") != "io.knative.lambda/ns/fn" || h.Get("Ce-Subject") != "" {
		t.Fatalf("reply headers %v", h)
	}
	if !isResponseEvent(map[string]string{"type": "io.knative.lambda.response.success"}) || isResponseEvent(nil) {
		t.Fatal("isResponseEvent")
	}
}
