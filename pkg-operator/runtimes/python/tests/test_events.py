import unittest

from knative_lambda_runtime.config import ConfigError, read_config
from knative_lambda_runtime.events import decode_request, is_response_event, reply_headers
from knative_lambda_runtime.failure import InvocationFailure
from knative_lambda_runtime.trace import trace_id_of


class DecodeRequestTest(unittest.TestCase):
    def test_modes(self):
        self.assertEqual(decode_request({}, b'{"a": 1}'), ({"a": 1}, None))
        binary = decode_request({"ce-specversion": "1.0", "ce-id": "1", "ce-source": "s", "ce-type": "t", "content-type": "text/plain"}, b"hi")
        self.assertEqual(binary.data, "hi")
        self.assertEqual(binary.event["datacontenttype"], "text/plain")
        structured = decode_request({"content-type": "application/cloudevents+json"}, b'{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"b":2}}')
        self.assertEqual(structured.data, {"b": 2})
        self.assertEqual(decode_request({}, b"").data, None)

    def test_bad_input_is_a_validation_failure(self):
        for headers, body in (
            ({}, b"{nope"),
            ({"ce-specversion": "0.3", "ce-id": "1", "ce-source": "s", "ce-type": "t"}, b"{}"),
            ({"ce-specversion": "1.0", "ce-source": "s", "ce-type": "t"}, b"{}"),
            ({"content-type": "application/cloudevents+json"}, b"[1]"),
            ({"content-type": "application/cloudevents-batch+json"}, b"[]"),
        ):
            with self.assertRaises(InvocationFailure) as caught:
                decode_request(headers, body)
            self.assertEqual((caught.exception.error_type, caught.exception.http_status), ("validation", 400))

    def test_reply_rule(self):
        headers = reply_headers("ns", "fn", "timeout")
        self.assertEqual(headers["ce-type"], "io.knative.lambda.response.timeout")
        self.assertEqual(headers["ce-source"], "io.knative.lambda/ns/fn")
        self.assertNotIn("ce-subject", headers)
        self.assertTrue(is_response_event({"type": "io.knative.lambda.response.error"}))
        self.assertFalse(is_response_event(None))


class TraceAndConfigTest(unittest.TestCase):
    def test_trace_id_of(self):
        self.assertEqual(trace_id_of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "4bf92f3577b34da6a3ce929d0e0e4736")
        for bad in ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-" + "0" * 32 + "-00f067aa0ba902b7-01", "x", None):
            self.assertIsNone(trace_id_of(bad))

    def test_read_config(self):
        config = read_config({"LAMBDA_FUNCTION_NAME": "fn", "LAMBDA_FUNCTION_NAMESPACE": "ns", "LAMBDA_HANDLER": "main.handler", "LAMBDA_TIMEOUT_SECONDS": "1.5"})
        self.assertEqual((config.timeout_seconds, config.port, config.handler, config.listen_address), (1.5, 8080, "main.handler", "0.0.0.0"))
        for key, bad in (("LAMBDA_FUNCTION_NAME", ""), ("LAMBDA_HANDLER", ""), ("LAMBDA_FUNCTION_NAMESPACE", "Bad_Name"), ("LAMBDA_TIMEOUT_SECONDS", "0"),
                         ("PORT", "80.5"), ("LAMBDA_RUNTIME", "go"), ("LAMBDA_HANDLER", "../x.y")):
            env = {"LAMBDA_FUNCTION_NAME": "fn", "LAMBDA_FUNCTION_NAMESPACE": "ns", "LAMBDA_HANDLER": "main.handler", key: bad}
            with self.assertRaises(ConfigError, msg=f"{key}={bad}"):
                read_config(env)


if __name__ == "__main__":
    unittest.main()
