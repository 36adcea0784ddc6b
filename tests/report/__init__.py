"""Tests of zerocovid.report."""
