"""The corpus stage: a corpus folder (``manifest.csv`` plus the raw files it names) read into documents rows.

Modules, in the order a file goes through them: ``manifest`` (the manifest and unlisted files),
``reader`` (one row: ``decoding`` → front matter → ``script`` → ``cleaning`` → dates), ``frame`` (the
documents DataFrame, ``duplicates`` marked). ``zerocovid.pipeline.load_documents`` runs them.

Columns of ``load_documents()`` (one row per article, index = doc_id, sorted by doc_id):

- ``doc_id`` (str): the manifest's id, used by every other table.
- ``region``, ``place``, ``province``, ``outlet`` (str): from the manifest.
- ``published`` (Timestamp, Asia/Shanghai): the manifest's value if given, else the
  front matter's ``date`` (RFC 2822, usually GMT), else a ``更新时间``/``发布时间`` line of the text.
- ``date_source`` (str): ``manifest``, ``front matter`` or ``text``: where ``published`` came from.
- ``title`` (str): the manifest's ``title`` if that column exists and is filled, else the
  front matter's ``title``, else the first line of the page.
- ``text`` (str): the cleaned article (see ``zerocovid.cleaning``); every offset in the
  package's tables points into it.
- ``n_chars`` (int), ``n_paragraphs`` (int): length of ``text`` and its number of lines.
- ``source_file`` (str): the raw file, relative to the data folder.
- ``sha256`` (str): of the raw bytes; a manifest ``sha256`` that differs is an error.
- ``encoding`` (str): the codec used to decode the bytes (declared or detected).
- ``script`` (str): ``simplified`` or ``traditional`` (converted to simplified in ``text``).
- ``page_format`` (str): ``html``, ``markdown`` or ``plain``, detected from the content (a ``.md``
  file is Markdown).
- ``duplicate_of`` (str or NA): for a near-duplicate (character 5-gram Jaccard ≥ 0.9, e.g. the same
  press release re-posted by another outlet), the doc_id of the earlier article it copies. An
  identical cleaned text is an error instead: analysing it twice would double every count.
- ``bold_spans`` (list of (start, end)): emphasised passages of the HTML source.
- ``url`` (str): the page address from the manifest (may be empty).
- any extra manifest columns (``event_date``, ``original_source`` …), kept as strings; an
  ``event_date`` that is not a date is an error.
"""
from .frame import DOCUMENT_COLUMNS, documents_frame, extra_columns, mark_duplicates
from .manifest import MANIFEST_COLUMNS, MANIFEST_NAME, read_manifest, unlisted_files, write_manifest
from .reader import TIMEZONE, read_document, split_front_matter

__all__ = ["DOCUMENT_COLUMNS", "MANIFEST_COLUMNS", "MANIFEST_NAME", "TIMEZONE", "documents_frame", "extra_columns",
           "mark_duplicates", "read_document", "read_manifest", "split_front_matter", "unlisted_files",
           "write_manifest"]
