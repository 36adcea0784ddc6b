"""Synthetic corpora and the speed benchmark (``make bench``)."""
