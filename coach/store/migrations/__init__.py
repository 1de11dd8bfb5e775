"""Alembic migrations of the Flipside schema (run by ``coach.store.migrate``)."""
