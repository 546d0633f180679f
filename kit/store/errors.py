"""The store's one error: a setting or an input it refuses, explained for the person at fault."""


class StoreError(RuntimeError):
    """A database setting or an input that the store refuses, explained for the person at fault."""
