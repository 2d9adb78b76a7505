"""Fixtures for the conformance test."""


def unserializable(data, context):
    """A result JSON cannot encode (error_type="serialization")."""
    return {"value": {1, 2}}
