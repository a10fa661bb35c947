"""The ``briefing`` command: parsing, progress and exit codes; the work is in the library."""
from briefing.cli.app import app, main

__all__ = ["app", "main"]
