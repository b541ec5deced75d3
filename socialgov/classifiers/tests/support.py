"""Helpers for the table-driven classifier tests."""

from __future__ import annotations

from socialgov.classifiers import DEFAULT_THRESHOLD, Classifier, Context, Finding


def reported(classifier: Classifier, text: str, context: Context | None = None) -> list[Finding]:
    """What the classifier reports at the default threshold."""
    return [f for f in classifier.classify(text, context or Context()) if f.score >= DEFAULT_THRESHOLD]


def assert_found(classifier: Classifier, text: str, label: str, span: str, context: Context | None = None) -> Finding:
    """One reported finding has ``label`` over exactly ``span``, a score in 0..1 and an explanation."""
    findings = reported(classifier, text, context)
    matches = [f for f in findings if f.label == label and text[f.start:f.end] == span]
    described = [(f.label, text[f.start:f.end], round(f.score, 2)) for f in findings]
    assert matches, f"expected {label} over {span!r} in {text!r}; got {described}"
    finding = matches[0]
    assert 0.0 <= finding.score <= 1.0
    assert finding.classifier == classifier.name and finding.classifier_version == classifier.version
    assert len(finding.explanation) > 20 and finding.explanation.endswith(".")
    return finding


def assert_not_found(classifier: Classifier, text: str, label: str | None = None,
                     context: Context | None = None) -> None:
    findings = [f for f in reported(classifier, text, context) if label is None or f.label == label]
    described = [(f.label, text[f.start:f.end], round(f.score, 2)) for f in findings]
    assert not findings, f"expected no {label or 'finding'} in {text!r}; got {described}"
