"""Tests of zerocovid.corpus."""
