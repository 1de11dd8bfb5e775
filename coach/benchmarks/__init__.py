"""Benchmarks shared by `coach bench` and the scripts in bench/: ingest, retrieval, artifacts.

Every figure is measured in the run that reports it, beside its baseline; tests check the
arithmetic and the keys, never the timings.
"""
