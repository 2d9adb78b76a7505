import threading
import time
import unittest

from knative_lambda_runtime.failure import InvocationFailure
from knative_lambda_runtime.handler import InvocationContext, LoadedHandler, WorkerPool


def context():
    return InvocationContext("fn", "ns", None, None, time.time() + 1)


class InvokeTest(unittest.TestCase):
    def test_outcomes(self):
        def fails(data, context):
            raise ValueError("boom")

        def hangs(data, context):
            time.sleep(0.2)

        pool = WorkerPool(4)
        self.assertEqual(pool.invoke(LoadedHandler(lambda d, c: {"a": 1}, None), None, context(), 1), '{"a": 1}')
        for handler, timeout, expected in (
            (LoadedHandler(fails, None), 1, "handler"),
            (LoadedHandler(hangs, None), 0.02, "timeout"),
            (LoadedHandler(lambda d, c: {1, 2}, None), 1, "serialization"),
            (LoadedHandler(lambda d, c: float("nan"), None), 1, "serialization"),
            (LoadedHandler(None, "missing"), 1, "import"),
        ):
            with self.assertRaises(InvocationFailure) as caught:
                pool.invoke(handler, None, context(), timeout)
            self.assertEqual(caught.exception.error_type, expected)


class QueuedPastDeadlineTest(unittest.TestCase):
    def test_a_queued_invocation_that_times_out_never_runs(self):
        ran = []
        pool = WorkerPool(1)
        for target in (lambda d, c: time.sleep(0.3), lambda d, c: ran.append(True)):
            with self.assertRaises(InvocationFailure) as caught:
                pool.invoke(LoadedHandler(target, None), None, context(), 0.05)
            self.assertEqual(caught.exception.error_type, "timeout")
        pool._executor.shutdown(wait=True)
        self.assertEqual(ran, [])


class OverdueWorkersTest(unittest.TestCase):
    def test_counts_workers_whose_handler_outlived_its_timeout_until_it_returns(self):
        release = threading.Event()
        pool = WorkerPool(2)
        stuck = LoadedHandler(lambda d, c: release.wait(5), None)
        for expected in (1, 2):
            with self.assertRaises(InvocationFailure):
                pool.invoke(stuck, None, context(), 0.05)
            self.assertEqual(pool.overdue(), expected)
        # a third invocation only queues behind the two overdue workers, is cancelled, and is not overdue itself
        with self.assertRaises(InvocationFailure):
            pool.invoke(LoadedHandler(lambda d, c: None, None), None, context(), 0.05)
        self.assertEqual(pool.overdue(), 2)
        release.set()
        deadline = time.time() + 5
        while pool.overdue() and time.time() < deadline:
            time.sleep(0.01)
        self.assertEqual(pool.overdue(), 0)
        self.assertEqual(pool.invoke(LoadedHandler(lambda d, c: "ok", None), None, context(), 1), '"ok"')

    def test_a_handler_that_finishes_in_time_is_never_overdue(self):
        pool = WorkerPool(1)
        pool.invoke(LoadedHandler(lambda d, c: time.sleep(0.01), None), None, context(), 1)
        self.assertEqual(pool.overdue(), 0)
