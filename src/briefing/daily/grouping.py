"""Which articles tell the same story: article vectors, near-duplicate detection, clustering.

The one question this module answers is ``cluster_articles``: a partition of the day's
articles. Ranking the stories and laying them out is ``daily.build``'s job.

The rule is average linkage on the cosine of the article vectors: two groups of articles are
one story while the mean similarity over all their cross pairs reaches ``STORY_THRESHOLD``;
copies of one text (word 5-gram Jaccard >= ``DUPLICATE_JACCARD``) are one story whatever the
encoder says. Done naively both are all-pairs work (an n x n matrix, n^2/2 set comparisons)
and the clustering loop is cubic; at a newsroom's 10,000 articles a day that is hours and
gigabytes. So, with the same decisions:

* Near-duplicates: MinHash signatures and locality-sensitive hashing (``datasketch``) give
  the candidate pairs in about linear time; each candidate is then checked with the exact
  Jaccard of its shingle sets, so a pair is a duplicate exactly when it is today.
* Clustering: an average-linkage merge needs at least one cross pair at or above the
  threshold (a mean never exceeds its maximum), so every story lies inside one connected
  component of the graph "cosine >= threshold" (plus the duplicate pairs). That graph comes
  from a nearest-neighbour search (scikit-learn ``NearestNeighbors``, ``NEIGHBOURS`` per
  article, no n x n matrix), and exact average linkage then runs inside each component:
  SciPy's ``linkage(method="average")`` for components up to ``MAX_DENSE`` articles, and for a
  larger one a nearest-neighbour-chain over cluster sums (the mean pairwise cosine of two
  clusters is the dot product of their mean vectors), which needs memory linear in its size.

The only departure from the all-pairs method is the neighbour cap: an edge is missed when
both its ends have ``NEIGHBOURS`` closer neighbours above the threshold, which can only split
a component joined by such an edge alone (measured on the 1,000-article CNN day: all 958
stories identical to the all-pairs method's, see docs/scale.md).
"""
from __future__ import annotations

import re
import zlib
from typing import Callable, Sequence

import numpy as np

from briefing.article import ArticleResult

_WORD = re.compile(r"[\w'’-]+")


# Cosine (MiniLM, average linkage) above which two articles are the same story.
STORY_THRESHOLD = 0.62


# Word 5-gram Jaccard above which two texts are copies of each other (merged unconditionally).
DUPLICATE_JACCARD = 0.5


LEAD_WORDS = 60

# MinHash: 128 permutations in 42 bands of 3 rows. A pair at Jaccard 0.5 becomes a candidate
# with probability 1 - (1 - 0.5**3)**42 = 99.6% (0.6: 99.996%, 0.8: ~100%); one at 0.05 with
# 0.5%, so candidates stay few and every one is verified exactly.
NUM_PERM = 128
LSH_BANDS = (42, 3)

# Neighbours searched per article for the story graph, and the largest component clustered
# by SciPy (m(m-1)/2 distances, twice: 128 MB at 4,000); larger ones use the linear-memory
# chain, which is slower (about 7x at 3,000 articles).
NEIGHBOURS = 32
MAX_DENSE = 4000


def story_texts(r: ArticleResult) -> tuple[str, str]:
    """The two views of an article that are embedded: headline + lead, and the long summary."""
    a = r.article
    lead = " ".join(a.text.split()[:LEAD_WORDS])
    head = f"{a.title}. {lead}" if a.title else lead
    return head, r.summary.long or r.summary.short or lead


def embed_results(results: Sequence[ArticleResult], encode: Callable[[list[str]], np.ndarray] | None = None) -> np.ndarray:
    """One L2-normalised float32 vector per article: the mean of its two views' MiniLM embeddings."""
    if not results:
        return np.zeros((0, 384), dtype=np.float32)
    if encode is None:
        from briefing.nlp.encoder import get_encoder

        encode = get_encoder().encode
    texts = [t for r in results for t in story_texts(r)]
    emb = np.asarray(encode(texts), dtype=np.float32).reshape(len(results), 2, -1).mean(axis=1)
    return (emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)).astype(np.float32, copy=False)


# ---------------------------------------------------------------------------------------------
# Near-duplicates
# ---------------------------------------------------------------------------------------------


def shingles(text: str, n: int = 5) -> set[int]:
    """The text's word n-grams (lower-cased), hashed to 64 bits: what Jaccard is measured on."""
    return set(shingle_array(text, n).tolist())


_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd: n-gram hash = polynomial in the word hashes
_MIX1, _MIX2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


def shingle_array(text: str, n: int = 5) -> np.ndarray:
    """``shingles`` as a sorted array of unique uint64 (compact, fast to intersect). Each word
    is hashed once (CRC-32); an n-gram's hash is a polynomial in its words' hashes, mixed
    (MurmurHash3's finaliser), computed for all n-grams at once."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    m = max(len(wh) - n + 1, 1)  # fewer than n words: the whole text is one shingle
    g = wh[:m].copy()
    for k in range(1, min(n, len(wh))):
        g = g * _MUL + wh[k : k + m]
    g ^= g >> _S33
    g *= _MIX1
    g ^= g >> _S33
    g *= _MIX2
    g ^= g >> _S33
    return np.unique(g)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sorted unique arrays (0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def near_duplicates(
    texts: Sequence[str],
    threshold: float = DUPLICATE_JACCARD,
    *,
    exact: bool = False,
    num_perm: int = NUM_PERM,
    bands: tuple[int, int] = LSH_BANDS,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, sorted, of texts that are (nearly) the same words: the same
    article under two names, a syndicated copy. Word 5-gram Jaccard >= ``threshold``.

    Candidates come from MinHash LSH and are verified exactly, so every pair returned is a
    true duplicate; ``exact=True`` compares all pairs instead (quadratic; the reference)."""
    sets = [shingle_array(t) for t in texts]
    n = len(sets)
    if exact or n < 3:
        candidates = ((i, j) for i in range(n) for j in range(i + 1, n))
    else:
        candidates = iter(sorted(_lsh_candidates(sets, num_perm, bands)))
    return [(i, j) for i, j in candidates if jaccard(sets[i], sets[j]) >= threshold]


def _lsh_candidates(sets: Sequence[np.ndarray], num_perm: int, bands: tuple[int, int]) -> set[tuple[int, int]]:
    """Pairs that share at least one LSH band of their MinHash signatures. The signatures use
    datasketch's affine permutations (h -> a h + b mod 2^32) of the already mixed shingle
    hashes, applied to a whole text at once."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=num_perm, params=bands)
    base = MinHash(num_perm=num_perm, scheme="affine32")
    a, b = base.permutations
    sketches: list = []
    with lsh.insertion_session() as session:
        for i, s in enumerate(sets):
            if not len(s):
                sketches.append(None)  # an empty text is nobody's duplicate
                continue
            h32 = ((s >> np.uint64(32)) ^ s).astype(np.uint32)
            sig = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
            for c in range(0, len(h32), 512):  # 512 x num_perm at a time
                np.minimum(sig, (h32[c : c + 512, None] * a + b).min(axis=0), out=sig)
            m = MinHash(num_perm=num_perm, hashvalues=sig, permutations=base.permutations, scheme="affine32")
            sketches.append(m)
            session.insert(i, m)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(sketches):
        if m is not None:
            pairs.update((i, j) for j in lsh.query(m) if j > i)
    return pairs


# ---------------------------------------------------------------------------------------------
# Average linkage
# ---------------------------------------------------------------------------------------------


class _Groups:
    """Union-find over n items."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def average_linkage(sim: np.ndarray, threshold: float, must_link: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """Agglomerative clustering of a dense similarity matrix: merge the two clusters with the
    highest mean pairwise similarity until none reaches ``threshold``; pairs in ``must_link``
    start in one cluster. Average linkage, unlike single linkage, does not chain unrelated
    stories together through one in-between article.

    This is the all-pairs reference (cubic time, n x n memory); ``cluster_vectors`` gives the
    same clusters from vectors at scale."""
    n = len(sim)
    uf = _Groups(n)
    for i, j in must_link:
        uf.union(i, j)
    roots = sorted({uf.find(i) for i in range(n)})
    members = {r: [i for i in range(n) if uf.find(i) == r] for r in roots}
    clusters = [members[r] for r in roots]
    k = len(clusters)
    if k <= 1:
        return [sorted(c) for c in clusters]
    m = np.zeros((n, k))
    for c, idx in enumerate(clusters):
        m[idx, c] = 1.0
    total = m.T @ np.asarray(sim, dtype=np.float64) @ m  # sum of similarities between clusters
    size = m.sum(axis=0)
    active = np.ones(k, dtype=bool)
    while active.sum() > 1:
        avg = total / np.outer(size, size)
        np.fill_diagonal(avg, -np.inf)
        avg[~active, :] = -np.inf
        avg[:, ~active] = -np.inf
        a, b = np.unravel_index(int(np.argmax(avg)), avg.shape)
        if avg[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        clusters[a] = clusters[a] + clusters[b]
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        size[a] += size[b]
        active[b] = False
    return sorted((sorted(clusters[c]) for c in range(k) if active[c]), key=lambda c: c[0])


def neighbour_graph(vecs: np.ndarray, threshold: float, neighbours: int = NEIGHBOURS):
    """Sparse symmetric graph (scipy CSR) of pairs with cosine >= ``threshold`` among each
    row's ``neighbours`` nearest (rows L2-normalised). Memory n x neighbours, never n x n."""
    from scipy.sparse import coo_matrix
    from sklearn.neighbors import NearestNeighbors
    from threadpoolctl import threadpool_limits

    n = len(vecs)
    k = min(neighbours + 1, n)  # +1: each row finds itself
    # on unit vectors squared Euclidean distance is 2 - 2 cos, and scikit-learn's chunked
    # brute-force search for it runs on BLAS without materialising the distance matrix
    nn = NearestNeighbors(n_neighbors=k, algorithm="brute", metric="euclidean").fit(vecs)
    # below a few thousand rows one thread is quicker than waking an OpenMP pool (0.3 s on a
    # busy 2-core machine, for any size)
    with threadpool_limits(1 if n < 2000 else None, user_api="openmp"):
        dist, idx = nn.kneighbors(vecs)
    sim = 1.0 - dist.astype(np.float64) ** 2 / 2.0
    rows = np.repeat(np.arange(n), k)
    # a little below the threshold: float32 distances must not drop an edge at the threshold
    # (an extra edge only makes a component larger, and linkage inside it is exact)
    keep = (sim.ravel() >= threshold - 1e-4) & (idx.ravel() != rows)
    r, c = rows[keep], idx.ravel()[keep]
    g = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n)).tocsr()
    return g.maximum(g.T)


def cluster_vectors(
    vecs: np.ndarray,
    threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
    *,
    neighbours: int = NEIGHBOURS,
    max_dense: int = MAX_DENSE,
) -> list[list[int]]:
    """Average-linkage clusters (as ``average_linkage`` on ``vecs @ vecs.T``) of L2-normalised
    rows, without the n x n matrix: components of the neighbour graph, exact linkage in each.
    Lists of row indices, each sorted, ordered by their first index; every row in exactly one."""
    vecs = np.asarray(vecs)
    n = len(vecs)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = neighbour_graph(vecs, threshold, neighbours)
    if must_link:
        a = np.array(must_link, dtype=np.int64).reshape(-1, 2)
        graph = graph + coo_matrix((np.ones(len(a), dtype=np.int8), (a[:, 0], a[:, 1])), shape=(n, n)).tocsr()
    _, label = connected_components(graph, directed=False)
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    uf = _Groups(n)
    for i, j in must_link:
        uf.union(int(i), int(j))
    out: list[list[int]] = []
    for comp in np.split(order, cuts):
        if len(comp) == 1:
            out.append([int(comp[0])])
            continue
        comp = np.sort(comp)
        if len(comp) == 2:  # most components: one pair, no linkage machinery needed
            i, j = int(comp[0]), int(comp[1])
            together = uf.find(i) == uf.find(j) or float(np.dot(vecs[i].astype(np.float64), vecs[j].astype(np.float64))) >= threshold
            out.extend([[i, j]] if together else [[i], [j]])
            continue
        local = {int(g): p for p, g in enumerate(comp)}
        groups: dict[int, list[int]] = {}
        for g in comp:
            groups.setdefault(uf.find(int(g)), []).append(local[int(g)])
        start = list(groups.values())
        sub = vecs[comp].astype(np.float64)
        if len(comp) <= max_dense:
            parts = _linkage_dense(sub, threshold, start)
        else:
            from threadpoolctl import threadpool_limits

            with threadpool_limits(1, user_api="blas"):  # thousands of small products: threads only cost
                parts = _linkage_chain(sub, threshold, start)
        out.extend(sorted(int(comp[p]) for p in part) for part in parts)
    out.sort(key=lambda c: c[0])
    return out


def _linkage_dense(vecs: np.ndarray, threshold: float, start: list[list[int]]) -> list[list[int]]:
    """SciPy average linkage on 1 - cosine, cut at 1 - threshold. Items that must start
    together get distance 0 among themselves: they merge first, and as average linkage never
    looks inside a cluster again, that is the same as starting them merged. The condensed
    distances (m(m-1)/2) are filled a block of rows at a time, never as an m x m matrix."""
    from scipy.cluster.hierarchy import fcluster, linkage

    m = len(vecs)
    cond = np.empty(m * (m - 1) // 2, dtype=np.float64)
    offset = lambda i: i * m - i * (i + 1) // 2  # noqa: E731  position of pair (i, i + 1)
    for lo in range(0, m - 1, 256):
        hi = min(lo + 256, m - 1)
        block = vecs[lo:hi] @ vecs.T  # (rows, m)
        for i in range(lo, hi):
            cond[offset(i) : offset(i) + m - i - 1] = block[i - lo, i + 1 :]
    np.subtract(1.0, cond, out=cond)
    # everything else strictly above 0 (identical vectors too), so the must-start-together
    # merges come first and cannot be pre-empted
    np.clip(cond, 1e-12, None, out=cond)
    for g in start:
        g = sorted(g)
        for x, i in enumerate(g):
            for j in g[x + 1 :]:
                cond[offset(i) + j - i - 1] = 0.0
    z = linkage(cond, method="average")
    # heights are means of (1 - cos): a merge at exactly the threshold must count, as it does
    # in the all-pairs loop, so allow for the rounding of those means
    labels = fcluster(z, t=1.0 - threshold + 1e-9, criterion="distance")
    by: dict[int, list[int]] = {}
    for p in range(m):
        by.setdefault(int(labels[p]), []).append(p)
    return list(by.values())


def _linkage_chain(vecs: np.ndarray, threshold: float, start: list[list[int]]) -> list[list[int]]:
    """Average linkage by nearest-neighbour chain over cluster sums: the mean cosine between
    clusters A and B is sum(A) . sum(B) / (|A| |B|), so each step is one matrix-vector product
    and memory stays m x dim. A cluster whose best partner is below the threshold can never
    merge again (a merge's similarity to C is a weighted mean of its parts'), so it is final."""
    k = len(start)
    sums = np.stack([vecs[g].sum(axis=0) for g in start])
    size = np.array([len(g) for g in start], dtype=np.float64)
    members = [list(g) for g in start]
    alive = np.ones(k, dtype=bool)
    final: list[list[int]] = []
    chain: list[int] = []
    remaining = k
    while remaining:
        if not chain:
            chain.append(int(np.flatnonzero(alive)[0]))
        top = chain[-1]
        if remaining == 1:
            final.append(members[top])
            break
        s = sums @ sums[top] / (size * size[top])
        s[~alive] = -np.inf
        s[top] = -np.inf
        best = int(np.argmax(s))
        if len(chain) > 1 and s[chain[-2]] >= s[best]:
            best = chain[-2]  # ties go to the chain, so it cannot cycle
        if s[best] < threshold:
            final.append(members[top])
            alive[top] = False
            remaining -= 1
            chain.pop()
            continue
        if len(chain) > 1 and best == chain[-2]:
            chain.pop()
            chain.pop()
            a, b = min(top, best), max(top, best)
            sums[a] += sums[b]
            size[a] += size[b]
            members[a].extend(members[b])
            alive[b] = False
            remaining -= 1
            sums[b] = 0.0
        else:
            chain.append(best)
    return final


def cluster_articles(
    results: Sequence[ArticleResult],
    emb: np.ndarray,
    threshold: float = STORY_THRESHOLD,
    *,
    duplicates: Sequence[tuple[int, int]] | None = None,
    neighbours: int = NEIGHBOURS,
) -> list[list[int]]:
    """Stories as lists of indices into ``results``: near-duplicates always together, the rest
    by average linkage on the cosine of the article vectors (rows of ``emb``, L2-normalised).
    ``duplicates`` may pass pairs already found by ``near_duplicates``."""
    n = len(results)
    if n == 0:
        return []
    dups = near_duplicates([r.article.text for r in results]) if duplicates is None else duplicates
    return cluster_vectors(np.asarray(emb, dtype=np.float32), threshold, dups, neighbours=neighbours)


def pair_agreement(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]], n: int) -> dict[str, float]:
    """How alike two partitions of n articles are: ``agree`` is the share of the n(n-1)/2
    pairs both call same-story or both call different; ``same_a``/``same_b``/``same_both``
    count the same-story pairs of each and of both."""
    la, lb = np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    for k, c in enumerate(a):
        la[list(c)] = k
    for k, c in enumerate(b):
        lb[list(c)] = k
    if (la < 0).any() or (lb < 0).any():
        raise ValueError("both partitions must cover all n items")

    def pairs(labels: np.ndarray) -> int:
        counts = np.unique(labels, return_counts=True, axis=0)[1] if len(labels) else np.zeros(0, dtype=np.int64)
        return int((counts * (counts - 1) // 2).sum())

    same_a, same_b, both = pairs(la), pairs(lb), pairs(np.stack([la, lb], axis=1))
    total = n * (n - 1) // 2
    return {"pairs": total, "agree": 1 - (same_a + same_b - 2 * both) / max(total, 1), "same_a": same_a, "same_b": same_b, "same_both": both}


def exact_clusters(results: Sequence[ArticleResult], emb: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[list[int]]:
    """The all-pairs method (every pair of texts compared, dense matrix, cubic loop): the
    reference ``cluster_articles`` is checked against; affordable up to about 1,000 articles."""
    if not results:
        return []
    emb = np.asarray(emb, dtype=np.float64)
    dups = near_duplicates([r.article.text for r in results], exact=True)
    return average_linkage(emb @ emb.T, threshold, dups)
