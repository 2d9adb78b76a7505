"""Prints the mean time (ms) to render the Python wrapper's /metrics for 100 functions, text and OpenMetrics."""
import os
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "pkg-operator", "runtimes", "python"))
from knative_lambda_runtime.metrics import FunctionMetrics  # noqa: E402

functions = [FunctionMetrics(f"fn-{i}", "bench") for i in range(100)]
for i, metrics in enumerate(functions):
    metrics.record_init(0.05)
    for n in range(50):
        metrics.record_invocation("success" if n % 10 else "error", None if n % 10 else "handler", n / 100, f"{i:032x}")
runs = 20
for accept in (None, "application/openmetrics-text"):
    seconds = timeit.timeit(lambda: [m.expose(accept) for m in functions], number=runs) / runs
    print(f"{'openmetrics' if accept else 'text'} {seconds * 1000:.3f} {sum(len(m.expose(accept)[1]) for m in functions)}")
