"""Errors that carry a message meant for the user: what went wrong and what to do next."""


class UserError(ValueError):
    """Bad input or an unavailable dependency, explained in one readable sentence."""
