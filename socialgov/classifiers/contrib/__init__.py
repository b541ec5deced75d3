"""Classifiers that need optional packages; none is enabled by default."""
