"""Benchmarks: each figure is measured against a baseline taken in the same run (`make bench`)."""
