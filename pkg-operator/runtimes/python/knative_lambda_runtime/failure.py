"""Why an invocation did not succeed: the contract's error_type and the HTTP status of the reply."""

_HTTP_STATUS = {"validation": 400, "timeout": 504}


class InvocationFailure(Exception):
    def __init__(self, error_type: str, message: str, http_status: int = 0):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.http_status = http_status or _HTTP_STATUS.get(error_type, 500)

    @property
    def status(self) -> str:
        return "timeout" if self.error_type == "timeout" else "error"


def message_of(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
