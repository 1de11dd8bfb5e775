"""Offline evals: datasets in evals/datasets, metrics and runners here."""
