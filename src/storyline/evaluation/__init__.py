"""Measuring storyline against annotated public corpora (read from ``shared/datasets``)."""
