"""Regression guards on the public labelled data (the full figures come from ``bench/classifiers/run.py``).

The floors sit a little under the measured figures, so a change that loses
quality fails here; they are not targets to tune to.
"""

from __future__ import annotations

import pytest

from bench.classifiers import run as bench
from bench.classifiers.data import DEFAULT_DATA, load_pii, load_spam
from socialgov.classifiers import Context, Registry

pytestmark = pytest.mark.skipif(not (DEFAULT_DATA / "pii").is_dir(),
                                reason=f"the shared labelled data is not at {DEFAULT_DATA} (a clone without ../shared)")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(use_entry_points=False)


@pytest.mark.requirement("LCCS-09")
def test_pii_on_presidio_synthetic_set(registry: Registry) -> None:
    examples = load_pii(DEFAULT_DATA)
    findings = list(registry.classify_many([e.text for e in examples], Context()))
    report = bench.pii_quality(examples, findings)
    assert report["micro"].f1 >= 0.92, report["micro"]
    assert report["micro"].precision >= 0.97


@pytest.mark.requirement("LCCS-09")
def test_spam_on_youtube_spam_collection(registry: Registry) -> None:
    examples = load_spam(DEFAULT_DATA)
    labels = [{f.label for f in fs} for fs in registry.classify_many([e.text for e in examples], Context())]
    report = bench.spam_quality(examples, labels)
    assert report["category"].f1 >= 0.92, report["category"]
    assert report["category"].precision >= 0.95
