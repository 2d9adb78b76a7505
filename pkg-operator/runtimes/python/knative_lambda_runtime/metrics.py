"""The contract's function metrics, kept in memory and rendered as Prometheus text 0.0.4 or OpenMetrics 1.0.0."""
import bisect
import threading
import time
from typing import Dict, List, Optional, Sequence, Tuple

from . import contract_gen as contract

TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"

Labels = Sequence[Tuple[str, str]]
Exemplar = Tuple[str, float, float]  # trace id, observed value, unix time


def _number(value: float) -> str:
    if value == float("inf"):
        return "+Inf"
    return str(int(value)) if isinstance(value, int) or value.is_integer() else repr(value)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _escape_help(value: str, open_metrics: bool) -> str:
    """Text format 0.0.4 escapes only backslash and newline in HELP; OpenMetrics escapes quotes too."""
    return _escape(value) if open_metrics else value.replace("\\", "\\\\").replace("\n", "\\n")


def _labels(labels: Labels) -> str:
    return "{" + ",".join(f'{name}="{_escape(value)}"' for name, value in labels) + "}"


class _Histogram:
    def __init__(self, buckets: Sequence[float]):
        self.bounds = list(buckets)
        self.counts = [0] * (len(self.bounds) + 1)
        self.exemplars: List[Optional[Exemplar]] = [None] * (len(self.bounds) + 1)
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float, trace_id: Optional[str] = None) -> None:
        index = bisect.bisect_left(self.bounds, value)
        self.counts[index] += 1
        self.sum += value
        self.count += 1
        if trace_id:
            self.exemplars[index] = (trace_id, value, time.time())


class FunctionMetrics:
    def __init__(self, function_name: str, namespace: str):
        self._lock = threading.Lock()
        self._identity = tuple(zip(contract.IDENTITY_LABELS, (function_name, namespace, contract.RUNTIME)))
        self._invocations = {status: 0 for status in contract.INVOCATION_STATUSES}
        self._errors = {error_type: 0 for error_type in contract.ERROR_TYPES}
        self._cold_starts = 0
        self._served_first = False
        self._in_flight = 0
        self._duration = _Histogram(contract.DURATION.buckets)
        self._init = _Histogram(contract.INIT_DURATION.buckets)
        self._init_observed = False

    def record_invocation(self, status: str, error_type: Optional[str], seconds: float, trace_id: Optional[str]) -> None:
        """Exactly one call per invocation, whatever its outcome."""
        with self._lock:
            if not self._served_first:
                self._served_first = True
                self._cold_starts += 1
            self._invocations[status] += 1
            if error_type:
                self._errors[error_type] += 1
            self._duration.observe(seconds, trace_id)

    def record_init(self, seconds: float) -> None:
        with self._lock:
            self._init.observe(seconds)
            self._init_observed = True

    def invocation_started(self) -> None:
        with self._lock:
            self._in_flight += 1

    def invocation_finished(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def expose(self, accept: Optional[str]) -> Tuple[str, str]:
        """OpenMetrics (with trace_id exemplars) when the Accept header asks for it, else Prometheus text 0.0.4."""
        open_metrics = "application/openmetrics-text" in (accept or "")
        with self._lock:
            families = self._families()
        lines: List[str] = []
        for spec, samples in families:
            family = spec.name[: -len("_total")] if open_metrics and spec.type == "counter" else spec.name
            lines.append(f"# HELP {family} {_escape_help(spec.help, open_metrics)}")
            lines.append(f"# TYPE {family} {spec.type}")
            for suffix, labels, value, exemplar in samples:
                line = f"{spec.name}{suffix}{_labels(labels)} {_number(value)}"
                if open_metrics and exemplar:
                    line += f' # {{trace_id="{_escape(exemplar[0])}"}} {_number(exemplar[1])} {exemplar[2]:.3f}'
                lines.append(line)
        if open_metrics:
            lines.append("# EOF")
            return OPENMETRICS_CONTENT_TYPE, "\n".join(lines) + "\n"
        return TEXT_CONTENT_TYPE, "\n".join(lines) + "\n"

    def _families(self):
        identity = self._identity
        return [
            (contract.INVOCATIONS, [("", identity + (("status", s),), n, None) for s, n in self._invocations.items()]),
            (contract.ERRORS, [("", identity + (("error_type", t),), n, None) for t, n in self._errors.items()]),
            (contract.DURATION, self._histogram_samples(contract.DURATION, self._duration) if self._served_first else []),
            (contract.COLD_STARTS, [("", identity, self._cold_starts, None)]),
            (contract.INIT_DURATION, self._histogram_samples(contract.INIT_DURATION, self._init) if self._init_observed else []),
            (contract.IN_FLIGHT, [("", identity, self._in_flight, None)]),
        ]

    def _histogram_samples(self, spec: contract.MetricSpec, histogram: _Histogram):
        samples = []
        cumulative = 0
        for le, count, exemplar in zip(spec.le, histogram.counts, histogram.exemplars):
            cumulative += count
            samples.append(("_bucket", self._identity + (("le", le),), cumulative, exemplar))
        samples.append(("_sum", self._identity, histogram.sum, None))
        samples.append(("_count", self._identity, histogram.count, None))
        return samples
