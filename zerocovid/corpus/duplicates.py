"""Find articles collected twice: the same cleaned text, or a near-duplicate re-posted elsewhere.

Near-duplicates are pairs whose sets of character 5-grams ("shingles") have a Jaccard
similarity of at least ``NEAR_DUPLICATE_JACCARD``. Candidate pairs come from MinHash
signatures banded for locality-sensitive hashing (fixed constants, so the result is the
same on every run and machine); a candidate whose signatures agree on at least
``ESTIMATE_FLOOR`` of their values is checked with the exact Jaccard similarity (of
64-bit shingle hashes: a collision is vanishingly rare), so a reported pair is a true
near-duplicate. A pair at 0.9 is found with probability
above 0.999; at 0.95 and above, practically always.
"""
from __future__ import annotations

import hashlib

import numpy as np

SHINGLE_SIZE = 5
NEAR_DUPLICATE_JACCARD = 0.9
N_BANDS, ROWS_PER_BAND = 10, 6
ESTIMATE_FLOOR = 0.75  # 4 standard deviations of the 60-value estimate below 0.9
_N_BINS_BITS = 6  # one-permutation MinHash: 64 bins by the top bits of a 64-bit hash
_BASE = np.uint64(1_000_003)
_EMPTY_BIN = np.uint64(2**64 - 1)


def shingles(text: str) -> set[str]:
    """The character 5-grams of a text (the whole text if it is shorter)."""
    if len(text) <= SHINGLE_SIZE:
        return {text}
    return {text[i:i + SHINGLE_SIZE] for i in range(len(text) - SHINGLE_SIZE + 1)}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of the shingle sets of two texts."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def _shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of a text's shingles in text order, repeats kept (a polynomial hash, mixed)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE_SIZE:
        codes = np.concatenate([codes, np.zeros(SHINGLE_SIZE - len(codes), dtype=np.uint64)])
    n = len(codes) - SHINGLE_SIZE + 1
    hashed = codes[:n].copy()
    for k in range(1, SHINGLE_SIZE):  # in place: no temporary array per step
        hashed *= _BASE
        hashed += codes[k:k + n]
    return _splitmix64(hashed)


def signature(text: str) -> bytes:
    """One-permutation MinHash of a text's shingles: the least hash in each of 60 bins, little-endian uint64."""
    hashed = _shingle_hashes(text)
    least = np.full(2**_N_BINS_BITS, _EMPTY_BIN)
    np.minimum.at(least, hashed >> np.uint64(64 - _N_BINS_BITS), hashed)
    return least[:N_BANDS * ROWS_PER_BAND].astype("<u8").tobytes()


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique's hash table is slower on a few thousand values)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """A fixed 64-bit mixing function (SplitMix64's finaliser), applied to ``x`` in place."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def find_duplicates(doc_ids: list[str], texts: list[str], signatures: list[bytes]) -> tuple[dict, dict]:
    """(exact, near): each maps a doc_id to the earliest doc_id (in the given order) it copies.

    ``exact`` holds identical texts; ``near`` holds the remaining pairs at or above the
    Jaccard threshold. Pass doc_ids sorted: the earlier id counts as the original.
    """
    exact: dict[str, str] = {}
    first_of_text: dict[bytes, str] = {}
    for doc_id, text in zip(doc_ids, texts):
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        if digest in first_of_text:
            exact[doc_id] = first_of_text[digest]
        else:
            first_of_text[digest] = doc_id
    candidates: set[tuple[int, int]] = set()
    for band in range(N_BANDS):
        buckets: dict[bytes, list[int]] = {}
        lo, hi = band * ROWS_PER_BAND * 8, (band + 1) * ROWS_PER_BAND * 8
        for i, (doc_id, sig) in enumerate(zip(doc_ids, signatures)):
            if doc_id not in exact:
                buckets.setdefault(sig[lo:hi], []).append(i)
        for members in buckets.values():
            if len(members) > 1:
                candidates.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    if not candidates:
        return exact, {}
    pairs = np.array(sorted(candidates), dtype=np.int64)
    matrix = np.frombuffer(b"".join(signatures), dtype="<u8").reshape(len(signatures), -1)
    agree = (matrix[pairs[:, 0]] == matrix[pairs[:, 1]]).mean(axis=1)
    hashes: dict[int, np.ndarray] = {}
    near: dict[str, str] = {}
    for i, j in pairs[agree >= ESTIMATE_FLOOR].tolist():
        if doc_ids[j] in near:
            continue  # already matched to an earlier original (pairs come sorted by i)
        for k in (i, j):
            if k not in hashes:
                hashes[k] = _distinct(_shingle_hashes(texts[k]))
        a, b = hashes[i], hashes[j]
        shared = len(np.intersect1d(a, b, assume_unique=True))
        if shared / (len(a) + len(b) - shared) >= NEAR_DUPLICATE_JACCARD:
            near[doc_ids[j]] = doc_ids[i]
    return exact, near
