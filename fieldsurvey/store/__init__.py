"""The store: the one owner of the workspace database (see docs/store.md).

No module outside this package executes SQL on the workspace.
"""
