"""Data entry: the screen where an enumerator fills in one interview."""
