"""Fixtures for the conformance test."""


def unserializable(data, context):
    """A result JSON cannot encode (error_type="serialization")."""
    return {"value": {1, 2}}


def sleeps(data, context):
    """Sleeps data["seconds"] whatever the timeout: a handler that outlives it keeps its worker."""
    import time

    time.sleep(float(data["seconds"]))
    return {"slept": data["seconds"]}
