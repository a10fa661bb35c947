"""Exceptions with messages a user can act on."""
from __future__ import annotations


class BriefingError(Exception):
    """Base class: the message is shown to the user as is, on one line."""


class InputError(BriefingError):
    """An article could not be read or parsed. Names the file (and line) and the reason."""

    def __init__(self, path: str | None, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        where = path or "<stdin>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")


class ModelNotFoundError(BriefingError):
    """A model or resource is neither installed nor downloadable."""


class TemplateError(BriefingError):
    """A Jinja2 template failed to load or render; names the file and line."""
