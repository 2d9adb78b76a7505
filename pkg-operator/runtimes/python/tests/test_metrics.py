import unittest

from knative_lambda_runtime import contract_gen as contract
from knative_lambda_runtime.metrics import OPENMETRICS_CONTENT_TYPE, TEXT_CONTENT_TYPE, FunctionMetrics

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


class TextExpositionTest(unittest.TestCase):
    def setUp(self):
        self.metrics = FunctionMetrics("fn", "ns")
        self.metrics.record_init(0.02)
        self.metrics.record_invocation("success", None, 0.003, None)
        self.metrics.record_invocation("timeout", "timeout", 31.0, None)

    def test_uses_contract_names_labels_and_le(self):
        content_type, body = self.metrics.expose(None)
        self.assertEqual(content_type, TEXT_CONTENT_TYPE)
        for line in (
            'knative_lambda_function_invocations_total{function="fn",namespace="ns",runtime="python",status="timeout"} 1',
            'knative_lambda_function_errors_total{function="fn",namespace="ns",runtime="python",error_type="timeout"} 1',
            'knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="python",le="0.005"} 1',
            'knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="python",le="30"} 1',
            'knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="python",le="+Inf"} 2',
            'knative_lambda_function_cold_starts_total{function="fn",namespace="ns",runtime="python"} 1',
            'knative_lambda_function_init_duration_seconds_count{function="fn",namespace="ns",runtime="python"} 1',
            "# TYPE knative_lambda_function_invocations_total counter",
        ):
            self.assertIn(line + "\n", body)
        self.assertNotIn("# EOF", body)

    def test_le_values_are_the_generated_contract_strings(self):
        self.assertEqual(contract.DURATION.le[0], "0.001")
        self.assertEqual(contract.DURATION.le[8], "1")
        self.assertEqual(contract.DURATION.le[-1], "+Inf")


class OpenMetricsTest(unittest.TestCase):
    def test_exemplar_and_counter_family(self):
        metrics = FunctionMetrics("fn", "ns")
        metrics.record_invocation("success", None, 0.3, TRACE_ID)
        content_type, body = metrics.expose("application/openmetrics-text;version=1.0.0")
        self.assertEqual(content_type, OPENMETRICS_CONTENT_TYPE)
        self.assertTrue(body.endswith("# EOF\n"))
        self.assertIn("# TYPE knative_lambda_function_invocations counter\n", body)
        self.assertIn(
            'knative_lambda_function_duration_seconds_bucket{function="fn",namespace="ns",runtime="python",le="0.5"} 1 '
            f'# {{trace_id="{TRACE_ID}"}} 0.3 ',
            body,
        )

    def test_cold_start_is_counted_once_per_process(self):
        metrics = FunctionMetrics("fn", "ns")
        self.assertIn('cold_starts_total{function="fn",namespace="ns",runtime="python"} 0\n', metrics.expose(None)[1])
        for _ in range(3):
            metrics.record_invocation("success", None, 0.001, None)
        self.assertIn('cold_starts_total{function="fn",namespace="ns",runtime="python"} 1\n', metrics.expose(None)[1])


if __name__ == "__main__":
    unittest.main()
