import io
import unittest
from http.client import parse_headers

from knative_lambda_runtime.body import MAX_BODY_BYTES, BodyFailure, framing_problem, read_body


def headers(*lines):
    return parse_headers(io.BytesIO(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")))


class FramingTest(unittest.TestCase):
    def test_heads_that_are_not_requests(self):
        for lines, problem in (
            (["Content-Length: -1"], "invalid Content-Length"),
            (["Content-Length: abc"], "invalid Content-Length"),
            (["Content-Length: 1e3"], "invalid Content-Length"),
            (["Content-Length: 99999999999999999999999"], "invalid Content-Length"),
            (["Content-Length: 2", "Content-Length: 3"], "conflicting Content-Length"),
            (["Content-Length: 2", "Transfer-Encoding: chunked"], "both set"),
            (["Transfer-Encoding: gzip"], "unsupported Transfer-Encoding"),
            (["Transfer-Encoding: gzip, chunked"], "unsupported Transfer-Encoding"),
        ):
            self.assertIn(problem, framing_problem(headers(*lines)) or "", lines)

    def test_heads_that_are_requests(self):
        for lines in ([], ["Content-Length: 0"], ["Content-Length: 12"], ["Transfer-Encoding: Chunked"], ["Content-Length: 7", "Content-Length: 7"]):
            self.assertIsNone(framing_problem(headers(*lines)), lines)


class ReadBodyTest(unittest.TestCase):
    def read(self, head, body: bytes) -> bytes:
        return read_body(io.BytesIO(body), headers(head))

    def fails(self, head, body: bytes, status=400) -> str:
        with self.assertRaises(BodyFailure) as caught:
            self.read(head, body)
        self.assertEqual((caught.exception.error_type, caught.exception.http_status), ("validation", status))
        return caught.exception.message

    def test_reads_declared_and_chunked_bodies(self):
        self.assertEqual(self.read("Content-Length: 7", b'{"n":1}'), b'{"n":1}')
        self.assertEqual(self.read("Content-Length: 0", b""), b"")
        chunked = b'3;ext=1\r\n{"n\r\n4\r\n":1}\r\n0\r\nX-Trailer: 1\r\n\r\n'
        self.assertEqual(self.read("Transfer-Encoding: chunked", chunked), b'{"n":1}')

    def test_a_body_that_ends_early_is_a_validation_failure(self):
        self.assertIn("ended after 7 of 100 bytes", self.fails("Content-Length: 100", b'{"n":1}'))
        self.assertIn("ended after 7 of 100 bytes", self.fails("Transfer-Encoding: chunked", b'64\r\n{"n":1}'))
        self.assertIn("ended inside the chunk size", self.fails("Transfer-Encoding: chunked", b"4"))
        self.assertIn("ended inside the trailer", self.fails("Transfer-Encoding: chunked", b"0\r\n"))

    def test_bad_chunk_sizes_never_read_to_the_end_of_the_stream(self):
        for size in (b"-1", b"zz", b"0x10", b"", b" ", b"1" * 17):
            self.assertIn("invalid chunk size", self.fails("Transfer-Encoding: chunked", size + b"\r\n{}\r\n0\r\n\r\n"), size)
        self.assertIn("longer than its size", self.fails("Transfer-Encoding: chunked", b"1\r\n{}\r\n0\r\n\r\n"))
        self.assertIn("too long", self.fails("Transfer-Encoding: chunked", b"1" * 5000))

    def test_bodies_over_the_cap_are_refused_before_they_are_read(self):
        self.fails(f"Content-Length: {MAX_BODY_BYTES + 1}", b"", 413)
        self.fails("Transfer-Encoding: chunked", f"{MAX_BODY_BYTES + 1:x}\r\n".encode(), 413)
        one_mib = b"100000\r\n" + b" " * 0x100000 + b"\r\n"
        self.fails("Transfer-Encoding: chunked", one_mib * 7 + b"0\r\n\r\n", 413)
        self.assertEqual(len(self.read("Transfer-Encoding: chunked", one_mib * 6 + b"0\r\n\r\n")), MAX_BODY_BYTES)

    def test_a_connection_error_is_a_validation_failure(self):
        class Reset(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, buffer):
                raise ConnectionResetError("reset by peer")

        with self.assertRaises(BodyFailure) as caught:
            read_body(io.BufferedReader(Reset()), headers("Content-Length: 5"))
        self.assertIn("ConnectionResetError", caught.exception.message)
