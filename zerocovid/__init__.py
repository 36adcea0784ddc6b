"""zerocovid: load Chinese COVID-19 press-conference articles and code their language.

    import zerocovid as zc
    docs = zc.load_documents()
    zc.find_apologies(docs), zc.extract_measures(docs), zc.extract_figures(docs)

Every function takes the documents DataFrame (or what an earlier function returned) and
returns a new DataFrame whose evidence rows carry doc_id, region, start and end.
"""
from . import plotting, reference
from .apologies import acknowledgements, find_apologies, response_strategies, strategy_matrix
from .corpus import load_documents, overview, select_regions
from .engines import run_pipeline
from .errors import CorpusError
from .figures import extract_figures, outbreak_scale, per_capita
from .measures import extract_measures, groups, medical_access
from .text import sentences, tokens
from .vocabulary import collocations, dfm, keyness, kwic

__all__ = [
    "CorpusError", "acknowledgements", "collocations", "dfm", "extract_figures", "extract_measures",
    "find_apologies", "groups", "keyness", "kwic", "load_documents", "medical_access", "outbreak_scale",
    "overview", "per_capita", "plotting", "reference", "response_strategies", "run_pipeline", "select_regions",
    "sentences", "strategy_matrix", "tokens",
]
