"""The Python function wrapper: an HTTP server (standard library only) that invokes a user handler."""
