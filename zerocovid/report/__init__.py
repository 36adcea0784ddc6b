"""What readers see, built from the coded tables: ``tables`` (summary tables), ``plotting``
(every chart; the only module that imports matplotlib at load), ``render`` (Markdown and
self-contained HTML), ``briefings`` (``make briefings``), ``notebooks`` (``make notebooks``,
``make run``), ``reference`` (the glossary), ``export`` (every coded table to a workbook or CSV
folder, and back) and ``browse`` (tables to sort and search in JupyterLab). Nothing outside ``report`` imports it, except the
command line and the lazy ``zc.plotting`` / ``zc.reference``.
"""
