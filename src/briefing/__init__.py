"""briefing: offline news summaries, quotes and a daily briefing."""
__version__ = "0.1.0"
