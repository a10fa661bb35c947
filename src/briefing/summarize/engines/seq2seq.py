"""Any ``AutoModelForSeq2SeqLM`` summarizer (BART, T5, PEGASUS, LED), map-reduce over chunks.

An article is cut by the core chunker into pieces that fit the model's input limit (counted
with the model's own tokenizer, so nothing is truncated); every chunk of every article in
the batch is summarized in shared, length-sorted generate calls (map); chunk summaries are
joined and summarized again until one input fits (reduce) into the long summary; the short
summary is generated from the long one. Generation settings come from the model's
generation config (and its ``task_specific_params["summarization"]``, as the transformers
pipeline does) unless the caller overrides them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from briefing.errors import BriefingError
from briefing.summarize.engines.base import Prepared
from briefing.summarize.engines.generative import (
    Draft,
    GenerativeEngine,
    GenerativeOptions,
    clean,
    pack,
)

GEN_KEYS = ("num_beams", "min_length", "max_length", "no_repeat_ngram_size", "length_penalty", "early_stopping")
DEFAULT_INPUT_LIMIT = 512
SHORT_MAX_LENGTH = 48  # tokens: one sentence of at most ~40 words


def input_limit(tokenizer: Any, config: Any) -> int:
    """The model's real encoder limit: the smallest of what tokenizer and config declare."""
    found = []
    tml = getattr(tokenizer, "model_max_length", None)
    if isinstance(tml, int) and 0 < tml < 1_000_000:
        found.append(tml)
    for attr in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions"):
        value = getattr(config, attr, None)
        if isinstance(value, int) and value > 0:
            found.append(value)
            break
    return min(found) if found else DEFAULT_INPUT_LIMIT


def task_prefix(config: Any, prefix: str | None) -> str:
    """T5-style models need "summarize: " in front of the input; BART and PEGASUS need nothing."""
    if prefix is not None:
        return prefix
    params = (getattr(config, "task_specific_params", None) or {}).get("summarization") or {}
    if params.get("prefix"):
        return str(params["prefix"])
    return "summarize: " if getattr(config, "model_type", "") in ("t5", "mt5", "umt5", "longt5") else ""


@dataclass
class Seq2SeqOptions(GenerativeOptions):
    model: str | None = None  # a hub id or a local model folder (required)
    max_input_tokens: int | None = None  # default: the model's own limit
    prefix: str | None = None  # default: "summarize: " for T5, else the model's task prefix
    num_beams: int | None = None  # these five default to the model's generation config
    min_length: int | None = None
    max_length: int | None = None
    no_repeat_ngram_size: int | None = None
    length_penalty: float | None = None
    short_max_length: int = SHORT_MAX_LENGTH  # tokens in the one-sentence summary
    max_levels: int = 3  # rounds of combining chunk summaries


class Seq2SeqEngine(GenerativeEngine):
    name = "seq2seq"
    Options = Seq2SeqOptions

    def __init__(
        self,
        model: str | None = None,
        device: str = "auto",
        dtype: str = "auto",
        batch_size: int = 8,
        max_input_tokens: int | None = None,
        prefix: str | None = None,
        num_beams: int | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        no_repeat_ngram_size: int | None = None,
        length_penalty: float | None = None,
        short_max_length: int = SHORT_MAX_LENGTH,
        max_levels: int = 3,
        **kw: Any,
    ):
        if not model:
            raise BriefingError("--engine seq2seq needs --model: a hub id (e.g. sshleifer/distilbart-cnn-12-6, "
                                "google/pegasus-cnn_dailymail, google/flan-t5-base) or a local model folder")
        super().__init__(device=device, **kw)
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        from briefing.nlp.devices import (
            load_pretrained,
            pick_dtype,
            resolve_device,
            split_model_ref,
        )
        from briefing.nlp.encoder import configure_torch_threads, quiet_transformers

        quiet_transformers()
        configure_torch_threads()
        self.model = model
        ref, _ = split_model_ref(model)
        self.device = resolve_device(device)
        self.dtype = pick_dtype(self.device, dtype)
        self.tokenizer = load_pretrained(AutoTokenizer, ref)
        self.net = load_pretrained(AutoModelForSeq2SeqLM, ref, dtype=self.dtype).eval().to(self.device)
        self._torch = torch
        cfg = self.net.config
        self.limit = int(max_input_tokens) if max_input_tokens else input_limit(self.tokenizer, cfg)
        self.prefix = task_prefix(cfg, prefix)
        self.specials = self.tokenizer.num_special_tokens_to_add(pair=False)
        self.budget = self.limit - self.specials - self.count(self.prefix)
        if self.budget < 16:
            raise BriefingError(f"model {model!r}: an input limit of {self.limit} tokens leaves no room for text")
        self.batch_size = max(1, int(batch_size))
        self.max_levels = max(1, int(max_levels))
        overrides = {"num_beams": num_beams, "min_length": min_length, "max_length": max_length,
                     "no_repeat_ngram_size": no_repeat_ngram_size, "length_penalty": length_penalty}
        self.settings = self.generation_settings(overrides)
        self.short_settings = {**self.settings, "max_length": min(int(short_max_length), self.settings["max_length"]),
                               "min_length": min(int(self.settings.get("min_length") or 0), 8)}

    # -- tokens -------------------------------------------------------------------------
    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"]) if text else 0

    def fits(self, text: str) -> bool:
        return len(self.tokenizer(self.prefix + text)["input_ids"]) <= self.limit

    # -- generation ---------------------------------------------------------------------
    def generation_settings(self, overrides: dict[str, Any]) -> dict[str, Any]:
        """Model generation config < task_specific_params["summarization"] < caller overrides."""
        gc = self.net.generation_config
        settings: dict[str, Any] = {k: getattr(gc, k, None) for k in GEN_KEYS}
        task = (getattr(self.net.config, "task_specific_params", None) or {}).get("summarization") or {}
        settings.update({k: v for k, v in task.items() if k in GEN_KEYS})
        settings.update({k: v for k, v in overrides.items() if v is not None})
        settings = {k: v for k, v in settings.items() if v is not None}
        if (settings.get("num_beams") or 1) == 1:
            settings.pop("early_stopping", None)
        if settings.get("max_length") in (None, 20) and overrides.get("max_length") is None:
            settings["max_length"] = 142  # transformers' default of 20 tokens is far too short for a summary
        cfg = self.net.config
        room = getattr(cfg, "max_decoder_position_embeddings", None) or getattr(cfg, "max_position_embeddings", None)
        if isinstance(room, int) and room > 0:  # the decoder cannot write past its own positions
            settings["max_length"] = min(int(settings["max_length"]), room)
        return settings

    def generate(self, texts: Sequence[str], settings: dict[str, Any]) -> list[str]:
        """Summaries of ``texts``, generated in length-sorted batches (little padding)."""
        from briefing.nlp.devices import generation_inputs_fit

        out = [""] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        torch = self._torch
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self.tokenizer([self.prefix + texts[i] for i in idx], padding=True, truncation=False, return_tensors="pt")
                generation_inputs_fit(enc["attention_mask"].sum(1).tolist(), self.limit)
                enc = enc.to(self.device)
                ids = self.net.generate(**enc, do_sample=False, **settings)
                for i, text in zip(idx, self.tokenizer.batch_decode(ids, skip_special_tokens=True)):
                    out[i] = clean(text)
        return out

    def _split(self, text: str) -> list[str]:
        from briefing.nlp.sentences import split_sentences

        return [s.text for s in split_sentences(text)] or [text]

    def draft_many(self, docs: Sequence[Prepared]) -> list[Draft]:
        # map: every chunk of every article in one batched pass
        chunks = [pack([s.text for s in d.sentences], self.count, self.budget, self.fits) for d in docs]
        flat = [c.text for cs in chunks for c in cs]
        summaries = iter(self.generate(flat, self.settings))
        texts = [[next(summaries) for _ in cs] for cs in chunks]
        map_texts = [list(t) for t in texts]
        levels = [1] * len(docs)
        long = [t[0] if len(t) == 1 else "" for t in texts]
        # reduce: join chunk summaries; summarize again until one input fits, then once more
        pending = [i for i, t in enumerate(texts) if len(t) > 1]
        for _ in range(self.max_levels):
            if not pending:
                break
            jobs: list[tuple[int, list[str]]] = []
            for i in pending:
                joined = " ".join(t for t in texts[i] if t)
                parts = [joined] if self.fits(joined) else [c.text for c in pack(self._split(joined), self.count, self.budget, self.fits)]
                jobs.append((i, parts))
            results = iter(self.generate([p for _, ps in jobs for p in ps], self.settings))
            still = []
            for i, parts in jobs:
                new = [next(results) for _ in parts]
                levels[i] += 1
                shrank = sum(map(self.count, new)) < sum(map(self.count, texts[i]))
                if len(parts) == 1:
                    long[i] = new[0]
                elif not shrank:  # summaries are not getting shorter: keep them all, joined
                    long[i] = " ".join(new)
                else:
                    texts[i] = new
                    still.append(i)
            pending = still
        for i in pending:  # out of levels: nothing is dropped, the summaries are joined
            long[i] = " ".join(texts[i])
        # the short summary is generated from the long one (its first chunk, should the joined
        # summaries of a very long article still exceed the input limit)
        short_inputs = [l if self.fits(l) else pack(self._split(l), self.count, self.budget, self.fits)[0].text for l in long]
        shorts = self.generate(short_inputs, self.short_settings) if docs else []
        return [Draft(long=l, short=s, chunks=len(c), details=_details(t, lv))
                for l, s, c, t, lv in zip(long, shorts, chunks, map_texts, levels)]


def _details(map_outputs: list[str], levels: int) -> dict[str, Any]:
    """How the long summary was made: chunks summarized (all, unless the model wrote nothing)."""
    d: dict[str, Any] = {"chunks_summarized": sum(1 for t in map_outputs if t)}
    if levels > 1:
        d["reduce_levels"] = levels
    return d
