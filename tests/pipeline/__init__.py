"""Tests of zerocovid.pipeline."""
