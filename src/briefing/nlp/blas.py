"""Matrix products for spaCy's models: numpy's BLAS on one thread, not thinc's bundled blis.

thinc, spaCy's model library, multiplies its CPU layers' matrices (the token embeddings'
CNN, the parser's and NER's input layer) with the blis it bundles. On the machine this was
measured on (AVX-512), blis ran those products at the speed of OpenBLAS held to its AVX2
(Haswell) kernel, while numpy's OpenBLAS picks the CPU's own kernel at run time and was
1.6x faster on one thread. thinc's own switch, ``NumpyOps(use_blis=False)``, hands the
products to numpy (:func:`use_numpy_blas`).

Left to itself OpenBLAS multiplies on every core and its idle threads then spin: the quote
stage took 10% less wall time but 60% more CPU time, taken from whatever else runs. So each
product runs inside :func:`one_thread`, on one thread as with blis, whoever calls the
pipeline. (Setting the count costs about half a millisecond a product: about 3% of the
quote stage, where holding it once around each parse would ask every caller to remember.)

Quote extraction on the 100 dev articles there: 1.18-1.20 s -> 1.13-1.16 s, CPU time the
same as wall time, and every quote the same (2,926 texts compared; ``tests/test_blas.py``
compares the parses). Where the CPU has no AVX-512 the two should run alike (OpenBLAS held
to its Haswell kernel matched blis).
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # pragma: no cover
    import spacy


def use_numpy_blas(nlp: "spacy.Language") -> None:
    """Give every layer of ``nlp``'s components :func:`numpy_ops`."""
    ops = numpy_ops()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops


@lru_cache(maxsize=1)
def numpy_ops() -> Any:
    """thinc's NumpyOps with blis off, each product on one thread."""
    from thinc.api import NumpyOps
    from thinc.backends.ops import Ops

    class OneThreadNumpyOps(NumpyOps):  # type: ignore[misc, valid-type]
        def gemm(self, x, y, *, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
            with one_thread():
                return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)

    return OneThreadNumpyOps(use_blis=False)


@lru_cache(maxsize=1)
def _controller() -> Any:
    # (made at the first product, once numpy's BLAS is loaded: a controller sees only the
    # libraries loaded when it is made)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def one_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread inside the block (the count is put back after)."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
