"""``briefing eval``: ROUGE against reference summaries (``rouge``), quote precision, recall
and speaker accuracy against gold quotes (``quotes``), as ../shared/docs/EVALUATION.md defines them."""
