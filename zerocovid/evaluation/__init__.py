"""Evaluation: how far the tool's coding can be trusted, measured against a second coder.

The workflow: ``sample_for_coding`` draws rows of a coded table (or sentences, for recall) with
the tool's codes blanked; a second coder fills them in; ``agreement`` measures how far the two
codings agree and ``disagreements`` lists the units to adjudicate. The same two functions compare
two human coders. A sample compared with the whole table it was drawn from needs
``missing="drop"`` (the rows not drawn are absent from the sample, not disagreements); a coder who
coded every row of some articles is compared with the tool's rows of those articles, where the
default counts a row only one of them found.

``agreement(a, b, field, on=None, missing="absent")`` (``zerocovid.evaluation.agreement``): one row
per field, index ``field``.
    n (units compared), agreement (share of units coded the same), kappa (Cohen's κ),
    alpha (Krippendorff's α, nominal); κ and α are NaN when every unit has one same value.

``disagreements(a, b, field, on=None, missing="absent", docs=None)``: one row per unit the two
codings code differently, in doc_id, start order.
    the key columns (``on``; by default row_id, else doc_id, start, end), doc_id, start, end,
    ``<field>_a``, ``<field>_b`` for each field (values as compared: "" for missing, "absent" for a
    unit the table does not have), evidence (text[start:end], only when ``docs`` is given).

``sample_for_coding(table, n, seed, stratify=None, blank=())`` (``zerocovid.evaluation.sampling``):
the columns of ``table``, ``n`` of its rows (all of them if it has fewer), in doc_id, start order,
index 0…n−1, the ``blank`` columns emptied (pd.NA).
"""
from .agreement import agreement, disagreements
from .sampling import sample_for_coding

__all__ = ["agreement", "disagreements", "sample_for_coding"]
