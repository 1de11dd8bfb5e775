"""Use-cases. The UI, the CLI and the evals call only these."""
