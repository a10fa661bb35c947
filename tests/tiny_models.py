"""Tiny seq2seq models built locally for tests: random weights, tokenizers trained on the seeds.

They generate nonsense, but through exactly the code paths a real BART or T5 uses
(tokenizer, special tokens, input limits, generation config, task prefix), in a second.
Run as a script to build one for the CLI: ``python tests/tiny_models.py bart OUT_DIR``.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 96  # input tokens: small, so a seed article needs several chunks


def corpus() -> list[str]:
    texts = []
    for p in sorted((ROOT / "seeds").iterdir()):
        if p.suffix in (".txt", ".md", ".html", ".json", ".jsonl"):
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
    return texts


def build_bart(out: Path, limit: int = LIMIT, vocab: int = 600, **gen: object) -> Path:
    """Byte-level BPE tokenizer + a 1-layer BART with ``limit`` positions."""
    from tokenizers import (
        Tokenizer,
        decoders,
        models,
        pre_tokenizers,
        processors,
        trainers,
    )
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        GenerationConfig,
        PreTrainedTokenizerFast,
    )

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(corpus(), trainers.BpeTrainer(vocab_size=vocab, special_tokens=specials,
                                                          initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
                                                       special_tokens=[("<s>", 0), ("</s>", 2)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", mask_token="<mask>", model_max_length=limit)
    cfg = BartConfig(vocab_size=tok.get_vocab_size(), d_model=32, encoder_layers=1, decoder_layers=1,
                     encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
                     max_position_embeddings=limit, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                     decoder_start_token_id=2, forced_bos_token_id=0)
    import torch

    torch.manual_seed(0)
    model = BartForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(**{
        "num_beams": 2, "min_length": 4, "max_length": 16, "no_repeat_ngram_size": 3, "length_penalty": 2.0,
        "early_stopping": True, "decoder_start_token_id": 2, "bos_token_id": 0, "eos_token_id": 2, "pad_token_id": 1,
        "forced_bos_token_id": 0, **gen})
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    fast.save_pretrained(out)
    return out


def build_t5(out: Path, limit: int = LIMIT, vocab: int = 600) -> Path:
    """Unigram (SentencePiece-style) tokenizer + a 1-layer T5 whose config asks for "summarize: "."""
    from tokenizers import (
        Tokenizer,
        decoders,
        models,
        pre_tokenizers,
        processors,
        trainers,
    )
    from transformers import (
        GenerationConfig,
        PreTrainedTokenizerFast,
        T5Config,
        T5ForConditionalGeneration,
    )

    specials = ["<pad>", "</s>", "<unk>"]
    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.train_from_iterator(corpus() + ["summarize: "], trainers.UnigramTrainer(vocab_size=vocab, special_tokens=specials, unk_token="<unk>"))
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", 1)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="</s>", pad_token="<pad>", unk_token="<unk>",
                                   model_max_length=limit)
    cfg = T5Config(vocab_size=tok.get_vocab_size(), d_model=32, d_ff=64, d_kv=8, num_layers=1, num_heads=2,
                   decoder_start_token_id=0, pad_token_id=0, eos_token_id=1,
                   task_specific_params={"summarization": {"prefix": "summarize: ", "num_beams": 3, "max_length": 12,
                                                           "min_length": 3, "no_repeat_ngram_size": 2}})
    import torch

    torch.manual_seed(0)
    model = T5ForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    fast.save_pretrained(out)
    return out


if __name__ == "__main__":  # pragma: no cover
    kind, target = sys.argv[1], Path(sys.argv[2])
    print({"bart": build_bart, "t5": build_t5}[kind](target))
