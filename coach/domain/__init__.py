"""Pure domain models and rules. Imports no I/O library (a test checks this)."""
