"""Offline evals: datasets in evals/datasets, metrics and runners here."""

from coach.domain.registry import SPECS

SUITES = ("retrieval", *(spec.kind.value for spec in SPECS))
