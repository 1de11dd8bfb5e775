"""Offline evals: datasets in evals/datasets, metrics and runners here."""

SUITES = ("retrieval", "agenda", "starters", "summary")
