"""Persistence: SQLAlchemy tables, Alembic migrations, and stores (SQL and in-memory)."""
