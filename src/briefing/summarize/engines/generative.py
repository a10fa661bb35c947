"""What the abstractive engines (seq2seq, llm) share: map-reduce over chunks, the
faithfulness guard, and the extractive fallback.

Subclasses only *draft* text (``draft_many``); this class checks every drafted sentence
against the article (``guard.py``), drops what is unsupported, and falls back to the
extractive summary when too little survives, recording why in ``engine.fallback``.
Key points and the ranking come from the article's own sentences unless the engine drafts
key points itself; quotes never come from a model (the pipeline extracts them from the text).
"""
from __future__ import annotations

import re
from abc import abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from briefing.errors import BriefingError, OptionError
from briefing.nlp.chunking import Chunk, chunk_sentences
from briefing.summarize.engines.base import (
    Engine,
    EngineOptions,
    EngineOutput,
    Prepared,
)
from briefing.summarize.guard import ArticleIndex, Guard, GuardResult, flagged_summary
from briefing.summarize.selection import MAX_SHORT_WORDS

# Generation stops where it likes; a short summary is one sentence of at most this many words.
_SPACE = re.compile(r"\s+")


@dataclass
class Draft:
    """An engine's raw generated text for one article, before the guard."""

    long: str
    short: str
    chunks: int
    key_points: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def pack(sentences: Sequence[str], count: Callable[[str], int], budget: int, fits: Callable[[str], bool], overlap: int = 0) -> list[Chunk]:
    """Chunks of at most ``budget`` tokens whose final, tokenized input really fits the model.

    Token counts of joined text can differ slightly from the sum of the parts, so each chunk
    is checked with ``fits`` and the budget shrinks until all do: input is never truncated.
    """
    counts = [count(s) for s in sentences]
    while True:
        chunks = chunk_sentences(sentences, count, budget, overlap, counts)
        if all(fits(c.text) for c in chunks) or budget <= 16:
            return chunks
        budget = int(budget * 0.9)


@dataclass
class GenerativeOptions(EngineOptions):
    guard_max_flags: int = 0  # unsupported names/numbers/quotes a generated sentence may carry
    guard_min_keep: float = 0.5  # below this share of surviving sentences, fall back to extractive
    fallback_engine: str | None = None  # the engine whose sentences replace unsupported text
    dtype: str = "auto"  # auto, float32, bfloat16, float16
    batch_size: int = 8  # chunks per generate() call


class GenerativeEngine(Engine):
    """Base for engines that write new text."""

    Options = GenerativeOptions

    def __init__(self, device: str = "auto", guard_max_flags: int = 0, guard_min_keep: float = 0.5,
                 fallback_engine: str | Engine | None = None, **unknown: Any):
        if unknown:  # a misspelt --gen setting must not be silently ignored
            from dataclasses import fields

            raise OptionError(self.name, f"unknown option(s) {', '.join(sorted(unknown))}", sorted(f.name for f in fields(self.Options)))
        self.device_option = device
        self.guard = Guard(max_flags=int(guard_max_flags), min_keep=float(guard_min_keep))
        self._fallback: Engine | None = fallback_engine if isinstance(fallback_engine, Engine) else None
        self._fallback_name = fallback_engine if isinstance(fallback_engine, str) else None

    @abstractmethod
    def draft_many(self, docs: Sequence[Prepared]) -> list[Draft]:
        """Generated long and short summaries (and optionally key points) per article."""

    def extractive(self) -> Engine:
        """The engine whose sentences replace unsupported text: the default one, loaded on first use."""
        if self._fallback is None:
            from briefing.summarize.engines import DEFAULT_ENGINE, load_engine

            names = [self._fallback_name] if self._fallback_name else [DEFAULT_ENGINE, "extractive-unsupervised"]
            last: Exception | None = None
            for name in dict.fromkeys(names):
                try:
                    self._fallback = load_engine(name, device="cpu")
                    break
                except BriefingError as exc:
                    last = exc
            if self._fallback is None:
                raise BriefingError(f"no extractive engine for the faithfulness fallback: {last}")
        return self._fallback

    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        from briefing.nlp.sentences import split_many

        live = [i for i, d in enumerate(docs) if d.sentences]
        drafts = self.draft_many([docs[i] for i in live]) if live else []
        by_doc = dict(zip(live, drafts))
        extractive = self.extractive().summarize_many(docs)
        # one spaCy pass splits every drafted summary and key point into sentences
        pieces: list[str] = []
        for d in drafts:
            pieces += [d.long, d.short]
        split = iter(split_many(pieces)) if pieces else iter(())
        out: list[EngineOutput] = []
        for i, (doc, ext) in enumerate(zip(docs, extractive)):
            if i not in by_doc:
                out.append(ext)
                continue
            long_sents = [s.text for s in next(split)]
            short_sents = [s.text for s in next(split)]
            out.append(self.finish(doc, by_doc[i], ext, long_sents, short_sents))
        return out

    def finish(self, doc: Prepared, draft: Draft, ext: EngineOutput, long_sents: list[str], short_sents: list[str]) -> EngineOutput:
        """Apply the guard: keep supported sentences, else fall back to the extractive text."""
        index = ArticleIndex(doc.article.text)
        reasons: list[str] = []
        dropped: list[dict[str, object]] = []

        res = self.guard.filter(long_sents, index)
        dropped += res.describe()
        if self.guard.acceptable(res):
            long_sentences, long_generated = res.kept, True
        else:
            long_sentences, long_generated = ext.long_sentences, False
            reasons.append(f"long summary is extractive: {_why(res)}")

        short = ""
        short_res = self.guard.filter(short_sents[:1], index)
        dropped += short_res.describe()
        if short_res.kept and len(short_res.kept[0].split()) <= MAX_SHORT_WORDS:
            short = short_res.kept[0]
        elif long_generated and long_sentences and len(long_sentences[0].split()) <= MAX_SHORT_WORDS:
            short = long_sentences[0]
        else:
            short = ext.short
            why = _why(short_res) if short_res.dropped else "the generated sentence was empty or longer than 40 words"
            reasons.append(f"short summary is extractive: {why}")

        kp_res = self.guard.filter([clean(k) for k in draft.key_points if clean(k)], index) if draft.key_points else GuardResult([])
        dropped += kp_res.describe()
        ranked = kp_res.kept + [s for s in ext.ranked if s not in kp_res.kept]

        details = dict(draft.details)
        if dropped:
            details["guard"] = {"dropped": dropped}
        return EngineOutput(
            short=short,
            long=" ".join(long_sentences),
            long_sentences=list(long_sentences),
            ranked=ranked,
            chunks=draft.chunks,
            fallback="; ".join(reasons) or None,
            details=details,
        )


def _why(res: GuardResult) -> str:
    if not res.total:
        return "the model generated no text"
    if not res.dropped:
        return "too little generated text"
    return f"{len(res.dropped)} of {res.total} generated sentences name things not in the article ({flagged_summary(res)})"
