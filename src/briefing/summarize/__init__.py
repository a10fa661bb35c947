"""Summaries: the engines (``engines/``), how sentences are chosen from scores (``selection``),
the trained head at inference (``head``, ``features``), key points, and the guard that checks
generated text against the article."""
