"""Tests of zerocovid.analyzers."""
