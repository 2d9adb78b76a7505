"""Fixture: a handler module that fails while loading (error_type="import")."""
raise RuntimeError("broken on purpose")
