"""The analyzers: each reads the documents DataFrame through the shared document model
(``zerocovid.document``) and its own lexicons, and returns a coded table whose rows point back into
the text (``row_id``, ``doc_id``, ``region``, ``start``, ``end``). They never import each other or
``zerocovid.report``.

``apologies`` (apology acts, acknowledgements, response strategies), ``measures`` (enumerated
items, vulnerable groups, medical access), ``figures`` (case and response figures, per capita),
``vocabulary`` (concordance, keyness, collocations, dfm), ``events`` (the occasions an article reports:
press conferences, meetings, notices, with their days).
"""
