"""Benchmarks: scripts that print figures to compare run to run (not timed tests)."""
