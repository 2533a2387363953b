"""Evaluation: the question-set schema and pure scoring functions (no model calls here)."""
