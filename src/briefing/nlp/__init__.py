"""Language plumbing shared by every stage: sentence splitting (spaCy), chunking, devices,
and the sentence encoders (the static MiniLM table, and MiniLM itself)."""
