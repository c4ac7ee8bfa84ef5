"""Nearest documents by inner product of normalised document vectors.

Up to ``ann_above`` documents on the searched side the search is exact (a blocked
matrix product, so memory stays at one block whatever the group size); above it,
and when ``faiss-cpu`` is installed (``pip install 'fr-ar-aligner[ann]'``), an HNSW
graph answers instead of all pairs. The graph is built on one thread, so two runs
over the same documents find the same neighbours (``--resume`` relies on it).
Without faiss the exact search is used at any size, and is only slower.
"""

from __future__ import annotations

import numpy as np

#: Cells of one block of the exact search (rows × documents searched).
BLOCK_CELLS = 1 << 24
#: HNSW graph degree and search breadth (faiss defaults are 32 and 16; 128 keeps recall near 1).
HNSW_M = 32
HNSW_EF_SEARCH = 128
HNSW_EF_CONSTRUCTION = 80


def faiss_available() -> bool:
    """Whether faiss can be imported here."""
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def top_k(x: np.ndarray, y: np.ndarray, k: int, ann_above: int = 20000) -> tuple[np.ndarray, np.ndarray]:
    """For each row of *x*, the *k* rows of *y* with the largest inner product, best first
    (ties: lower index first): ``(similarities, indexes)``, each of shape ``(len(x), min(k, len(y)))``."""
    k = min(k, len(y))
    if k == 0 or len(x) == 0:
        return np.zeros((len(x), k), np.float32), np.zeros((len(x), k), np.int64)
    if len(y) > ann_above and faiss_available():
        return _hnsw(x, y, k)
    return _exact(x, y, k)


def _exact(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    rows = max(1, BLOCK_CELLS // len(y))
    sims = np.empty((len(x), k), dtype=np.float32)
    idx = np.empty((len(x), k), dtype=np.int64)
    for start in range(0, len(x), rows):
        block = x[start:start + rows] @ y.T
        order = np.argsort(-block, axis=1, kind="stable")[:, :k]
        idx[start:start + rows] = order
        sims[start:start + rows] = np.take_along_axis(block, order, axis=1)
    return sims, idx


def _hnsw(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    import faiss

    threads = faiss.omp_get_max_threads()
    index = faiss.IndexHNSWFlat(y.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    faiss.omp_set_num_threads(1)  # a graph built on one thread is the same every run
    try:
        index.add(np.ascontiguousarray(y, dtype=np.float32))
    finally:
        faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = max(HNSW_EF_SEARCH, 2 * k)
    sims, idx = index.search(np.ascontiguousarray(x, dtype=np.float32), k)
    # Ties and the rare unfilled slot (-1) put in a stable order: best first, then by index.
    sims = np.where(idx < 0, -np.inf, sims).astype(np.float32)
    order = np.lexsort((idx, -sims), axis=1)
    return np.take_along_axis(sims, order, axis=1), np.take_along_axis(idx, order, axis=1)
