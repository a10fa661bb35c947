from briefing.nlp.chunking import chunk_sentences


def count(text: str) -> int:
    return len(text.split())


def test_chunks_respect_limit_and_cover_everything():
    sents = [f"sentence {i} " + "word " * (i % 7) for i in range(50)]
    chunks = chunk_sentences(sents, count, max_tokens=30, overlap=1)
    assert len(chunks) > 1
    assert all(c.tokens <= 30 for c in chunks)
    covered = {i for c in chunks for i in c.sentence_ids}
    assert covered == set(range(50))
    # overlap: each chunk after the first starts with the last sentence of the one before
    for a, b in zip(chunks, chunks[1:]):
        assert b.sentence_ids[0] == a.sentence_ids[-1]


def test_long_sentence_is_split_not_truncated():
    long = " ".join(f"w{i}" for i in range(100))
    chunks = chunk_sentences(["short one.", long], count, max_tokens=20, overlap=0)
    words = " ".join(c.text for c in chunks).split()
    assert words.count("w99") == 1 and words.count("w0") == 1
    assert all(c.tokens <= 20 for c in chunks)


def test_no_overlap_partitions():
    sents = ["a b c"] * 10  # two per chunk at 8 tokens (3 + 1 + 3)
    chunks = chunk_sentences(sents, count, max_tokens=8, overlap=0)
    assert sum(len(c.sentence_ids) for c in chunks) == 10
