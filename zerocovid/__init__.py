"""zerocovid: load Chinese COVID-19 press-conference articles and code their language.

    import zerocovid as zc
    docs = zc.load_documents()
    zc.find_apologies(docs), zc.extract_measures(docs), zc.extract_figures(docs)

Every function takes the documents DataFrame (or what an earlier function returned) and
returns a new DataFrame whose evidence rows carry doc_id, region, start and end.

The package follows the pipeline: ``corpus`` (read a corpus folder) → ``pipeline`` (load and run
the analyzers, with engines and a cache) → ``text`` and ``document`` (sentences, tokens, the shared
document model) → ``analyzers`` (apologies, measures, figures, vocabulary) → ``report`` (tables,
charts, briefings, notebooks). ``zc.plotting`` and ``zc.reference`` are imported on first use, so
``import zerocovid`` does not load matplotlib.
"""
import importlib

from .analyzers.apologies import acknowledgements, apology_mentions, find_apologies, response_strategies
from .analyzers.figures import extract_figures, outbreak_scale, per_capita
from .analyzers.measures import extract_measures, groups, medical_access
from .analyzers.vocabulary import collocations, dfm, keyness, kwic
from .corrections import corrections_from, write_corrections
from .errors import CorpusError
from .evaluation import agreement, disagreements, sample_for_coding
from .pipeline import coded_tables, load_documents, run_pipeline
from .regions import region_order, select_regions
from .report.browse import browse
from .report.export import EXPORTED_TABLES, export, read_export
from .analyzers.events import events, with_events
from .report.findings import findings, findings_markdown, show_findings
from .report.tables import (admitted_vs_promised, apology_comparison, apology_summary, count_table, figure_coverage,
                            file_sizes, group_mentions, overview, per_10k_chars, provenance, response_timeline,
                            sort_by_region,
                            strategy_matrix)
from .text import sentences, tokens

_LAZY_MODULES = {"plotting": ".report.plotting", "reference": ".report.reference"}

__all__ = [
    "acknowledgements", "admitted_vs_promised", "agreement", "apology_comparison", "apology_mentions",
    "apology_summary", "browse", "coded_tables", "collocations", "CorpusError", "corrections_from",
    "count_table", "dfm", "disagreements", "events", "export", "EXPORTED_TABLES", "extract_figures",
    "extract_measures", "figure_coverage", "file_sizes", "find_apologies", "findings", "findings_markdown",
    "group_mentions", "groups", "keyness", "kwic", "load_documents", "medical_access", "outbreak_scale",
    "overview", "per_10k_chars", "per_capita", "plotting", "provenance", "read_export", "reference",
    "region_order", "response_strategies", "response_timeline", "run_pipeline", "sample_for_coding",
    "select_regions", "sentences", "show_findings", "sort_by_region", "strategy_matrix", "tokens",
    "with_events", "write_corrections",
]


def __getattr__(name: str):
    """``zc.plotting`` and ``zc.reference``, imported when first used (PEP 562)."""
    if name in _LAZY_MODULES:
        module = importlib.import_module(_LAZY_MODULES[name], __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
