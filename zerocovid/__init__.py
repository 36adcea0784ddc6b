"""zerocovid: load Chinese COVID-19 press-conference articles and code their language.

    import zerocovid as zc
    docs = zc.load_documents()
"""
from . import plotting, reference
from .corpus import load_documents, overview, select_regions
from .errors import CorpusError
from .text import sentences, tokens
from .vocabulary import collocations, dfm, keyness, kwic

__all__ = ["CorpusError", "collocations", "dfm", "keyness", "kwic", "load_documents", "overview", "plotting", "reference", "select_regions", "sentences", "tokens"]
