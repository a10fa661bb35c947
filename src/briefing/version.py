"""The package version (pyproject.toml reads it from here), importable without the package root."""
__version__ = "0.3.11"
