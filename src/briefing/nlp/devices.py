"""Where generative models run, in which precision, and how they are found and loaded.

Shared by the seq2seq and LLM engines so that both resolve ``--device``, pick bf16/fp16,
refuse remote code and report a missing model the same way. torch and transformers are
imported inside functions: this module is only imported by those engines.
"""
from __future__ import annotations

import ctypes
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from briefing.errors import BriefingError, ModelNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    import torch

DEVICES = ("auto", "cpu", "cuda", "mps")


def resolve_device(name: str = "auto") -> str:
    """``auto`` picks CUDA, then Apple's MPS, then the CPU; an unavailable choice is an error."""
    import torch

    name = (name or "auto").lower()
    if name not in DEVICES:
        raise BriefingError(f"unknown device {name!r}; choose one of: {', '.join(DEVICES)}")
    mps = getattr(torch.backends, "mps", None)
    has_mps = bool(mps and mps.is_available())
    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "mps" if has_mps else "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise BriefingError("--device cuda: no CUDA GPU is visible to torch (is a CUDA build of torch installed?)")
    if name == "mps" and not has_mps:
        raise BriefingError("--device mps: Apple MPS is not available on this machine")
    return name


def cpu_has_bf16() -> bool:
    """bf16 only pays on CPUs with native bf16 instructions; elsewhere it is emulated and slow."""
    try:
        with open("/proc/cpuinfo") as fh:
            flags = fh.read()
        return "avx512_bf16" in flags or "amx_bf16" in flags
    except OSError:
        return False


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc; musl and macOS have none
    except (AttributeError, OSError):
        return None


def release_freed_memory() -> bool:
    """Give heap memory that has been freed back to the OS (glibc ``malloc_trim``); False where unsupported.

    A transformer batch allocates tens of MB of activations on the CPU and frees them again;
    glibc keeps such freed blocks inside its heaps (it raises its mmap threshold as it goes),
    so batch after batch lands partly in fresh pages while the freed ones stay resident.
    MiniLM over 10,000 texts: peak RSS 924 MB, 771 MB trimming after each batch (docs/scale.md).
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def pick_dtype(device: str, dtype: str = "auto") -> "torch.dtype":
    """bf16 where the device supports it natively, fp16 on MPS, else fp32."""
    import torch

    table = {"fp32": torch.float32, "float32": torch.float32, "bf16": torch.bfloat16, "bfloat16": torch.bfloat16,
             "fp16": torch.float16, "float16": torch.float16}
    if dtype != "auto":
        try:
            return table[dtype]
        except KeyError:
            raise BriefingError(f"unknown dtype {dtype!r}; choose auto, fp32, bf16 or fp16") from None
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device == "mps":
        return torch.float16
    return torch.bfloat16 if cpu_has_bf16() else torch.float32


def _looks_like_path(model: str) -> bool:
    """Hub ids are ``name`` or ``org/name``; anything else is meant as a local path."""
    return model.startswith((".", "/", "~")) or model.count("/") > 1 or "\\" in model


def split_model_ref(model: str) -> tuple[str, str | None]:
    """``(folder or hub id, gguf file name or None)``; a missing local path is a clear error."""
    path = Path(model).expanduser()
    if model.endswith(".gguf"):
        if not path.is_file():
            raise ModelNotFoundError(f"model {model!r}: no such .gguf file")
        return str(path.parent.resolve()), path.name
    if path.exists():
        if not path.is_dir():
            raise ModelNotFoundError(f"model {model!r} is a file; pass a model folder, a hub id or a .gguf file")
        return str(path.resolve()), None
    if _looks_like_path(model):
        raise ModelNotFoundError(f"model {model!r}: no such folder (pass a local model folder, a hub id such as "
                                 "sshleifer/distilbart-cnn-12-6, or a .gguf file)")
    return model, None


def how_to_get(model: str) -> str:
    return (f"download it once with `hf download {model}` (or `huggingface-cli download {model}`) on a machine with "
            f"internet, or pass a local folder with --model; the engines never download while HF_HUB_OFFLINE=1")


def load_pretrained(auto_cls: Any, model: str, gguf_file: str | None = None, **kwargs: Any) -> Any:
    """``auto_cls.from_pretrained`` without remote code, preferring safetensors.

    A model that is neither local nor downloadable becomes a ModelNotFoundError that names it
    and says how to get it, instead of a hub traceback.
    """
    kwargs = {"trust_remote_code": False, **kwargs}
    if gguf_file:
        kwargs["gguf_file"] = gguf_file
    try:
        if gguf_file or not _has_weights_choice(auto_cls):
            return auto_cls.from_pretrained(model, **kwargs)
        try:
            # safetensors first: no pickle is unpickled when the model ships safetensors
            return auto_cls.from_pretrained(model, use_safetensors=True, **kwargs)
        except OSError as exc:
            if "safetensors" not in str(exc).lower():
                raise
            return auto_cls.from_pretrained(model, **kwargs)
    except ValueError as exc:
        if "trust_remote_code" in str(exc):
            raise BriefingError(f"model {model!r} needs custom code from its repository; briefing never runs remote code") from None
        raise
    except OSError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelNotFoundError(f"model {model!r} is not available locally and could not be downloaded ({first}); "
                                 f"{how_to_get(model)}") from None


def _has_weights_choice(auto_cls: Any) -> bool:
    """Tokenizers and configs have no weights: ``use_safetensors`` applies to models only."""
    return "Model" in getattr(auto_cls, "__name__", "")


def generation_inputs_fit(lengths: list[int], limit: int) -> None:
    """Chunking guarantees this; checking it keeps "never truncated" a tested promise, not a hope."""
    too_long = [n for n in lengths if n > limit]
    if too_long:
        raise BriefingError(f"internal: an input of {max(too_long)} tokens exceeds the model limit of {limit}")
