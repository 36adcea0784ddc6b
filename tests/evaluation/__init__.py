"""Tests of zerocovid.evaluation."""
