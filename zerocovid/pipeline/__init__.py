"""The pipeline stage: a corpus folder through the corpus readers and the analyzers, on one core, all
cores or Dask, with a Parquet cache (``engines``, ``cache``); ``tables`` runs every analyzer once and is
what notebooks and briefings read."""
from .engines import load_documents, run_pipeline
from .tables import CODED_TABLES, coded_tables

__all__ = ["CODED_TABLES", "coded_tables", "load_documents", "run_pipeline"]
