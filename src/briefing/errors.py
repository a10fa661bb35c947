"""Every error briefing raises on purpose, with a message a user can act on.

The hierarchy, and what the command line does with each (``briefing.cli`` maps them to exit
codes in one place, ``exit_code``)::

    BriefingError                 base: the message is shown as is, on one line
    ├── UsageError                the command cannot run as asked: exit 2
    │   ├── OptionError           an engine option that does not exist or has the wrong type
    │   └── RunError              the run as a whole cannot go on (no input found, bad output path)
    ├── ModelNotFoundError        a model or resource is neither installed nor downloadable: exit 2
    ├── TemplateError             a Jinja2 template failed to load or render: exit 2
    └── InputError                one article could not be read or parsed: that article fails
        │                         alone (named on stderr with the reason), the others are still
        │                         written, and the run exits 1
        └── FetchError            a URL could not be fetched, or is not an article or feed

Anything else that escapes while one article is processed is a bug; it too fails only that
article (``pipeline.Pipeline.run_batch`` isolates it), reported with its exception type.
"""
from __future__ import annotations

from typing import Sequence


class BriefingError(Exception):
    """Base class: the message is shown to the user as is, on one line."""


class UsageError(BriefingError):
    """The command cannot run as asked (exit 2): an unknown engine, a bad option value, ..."""


class OptionError(UsageError):
    """An engine option that the engine does not declare, or a value of the wrong type."""

    def __init__(self, engine: str, message: str, valid: Sequence[str] = ()):
        self.engine = engine
        self.valid = list(valid)
        hint = f"; valid options: {', '.join(self.valid)}" if self.valid else "; this engine takes no options"
        super().__init__(f"--engine {engine}: {message}{hint}")


class RunError(UsageError):
    """The run as a whole cannot go on (e.g. no input found, the engine cannot be loaded)."""


class ModelNotFoundError(BriefingError):
    """A model or resource is neither installed nor downloadable."""


class TemplateError(BriefingError):
    """A Jinja2 template failed to load or render; names the file and line."""


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

    def __reduce__(self):  # picklable (articles are parsed in worker processes)
        return (type(self), (self.path, self.reason, self.line))


class FetchError(InputError):
    """A URL could not be fetched or is not an article/feed. Names the URL and the reason."""

    def __init__(self, url: str, reason: str, line: int | None = None):
        self.url = url
        super().__init__(url, reason, line)


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def exit_code(exc: BaseException) -> int:
    """The exit status for an error that stops a command: 1 for one bad input, 2 otherwise."""
    return EXIT_FAILED if isinstance(exc, InputError) and not isinstance(exc, UsageError) else EXIT_USAGE
