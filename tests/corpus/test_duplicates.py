"""Near-duplicates (a re-post by another outlet) are flagged, not dropped; the MinHash signature is the one
numpy's unique and searchsorted gave, and its values are pinned (cached documents keep them). An exact
duplicate is an error: see test_errors.py."""
from __future__ import annotations

import numpy as np

import zerocovid as zc
from helpers import write_corpus
from pages import APOLOGY, MIXED, SECOND, random_texts
from zerocovid.corpus import duplicates


def test_near_duplicate_is_flagged_not_dropped(tmp_path):
    long_text = "\n\n".join([APOLOGY, SECOND] * 4)
    reposted = long_text.replace("积极配合", "积极支持", 1) + "\n\n（转自某市发布）"
    other = f"另一通报\n\n{SECOND[::-1]}\n"
    docs = zc.load_documents(write_corpus(tmp_path, {"a.txt": f"标题\n\n{long_text}", "b.txt": f"标题\n\n{reposted}",
                                                     "c.txt": other}))
    assert docs["duplicate_of"].isna().tolist() == [True, False, True]
    assert docs.loc["doc2", "duplicate_of"] == "doc1"
    assert len(docs) == 3


def test_near_duplicate_threshold(tmp_path):
    from zerocovid.corpus.duplicates import NEAR_DUPLICATE_JACCARD, jaccard

    assert jaccard(APOLOGY, APOLOGY) == 1.0
    assert jaccard(APOLOGY, SECOND) < 0.1
    half = APOLOGY[: len(APOLOGY) // 2] + SECOND
    docs = zc.load_documents(write_corpus(tmp_path, {"a.txt": f"标题\n{APOLOGY}", "b.txt": f"标题\n{half}"}))
    assert jaccard(APOLOGY, half) < NEAR_DUPLICATE_JACCARD
    assert docs["duplicate_of"].isna().all()


def old_signature(text: str) -> bytes:
    """The signature as np.unique and searchsorted computed it."""
    hashed = np.unique(duplicates._shingle_hashes(text))
    bins = np.arange(2**duplicates._N_BINS_BITS, dtype=np.uint64) << np.uint64(64 - duplicates._N_BINS_BITS)
    first = np.searchsorted(hashed, bins)
    ends = np.append(first[1:], len(hashed))
    least = np.where(first < ends, hashed[np.minimum(first, len(hashed) - 1)], duplicates._EMPTY_BIN)
    return least[:duplicates.N_BANDS * duplicates.ROWS_PER_BAND].astype("<u8").tobytes()


def test_signature_and_distinct_hashes_as_numpy_unique_gave_them():
    texts = random_texts(500, 2, MIXED) + random_texts(50, 3, ["甲", "乙", "丙"], 3000) + ["", "a", "abcd", "abcde"]
    for text in texts:
        assert duplicates.signature(text) == old_signature(text)
        hashes = duplicates._shingle_hashes(text)
        assert np.array_equal(duplicates._distinct(hashes), np.unique(hashes))


def test_signature_values_are_pinned():
    # cached documents keep their signatures: changing the values must be a decision, not an accident
    signature = duplicates.signature(APOLOGY)
    assert len(signature) == 8 * duplicates.N_BANDS * duplicates.ROWS_PER_BAND
    assert signature.hex()[:48] == "ffffffffffffffff84d16b65cd5c7b05b780f6fd8860fc0a"
