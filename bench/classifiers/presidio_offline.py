"""Presidio's analyzer with only its pattern recognizers, fully offline (no spaCy model, no network).

How: Presidio ships ``NoOpNlpEngine``, an NLP engine that loads no model and
returns empty NLP artifacts. ``RecognizerRegistry.load_predefined_recognizers``
given that engine loads the predefined recognizers that need no NER model:
the pattern recognizers (credit card, SSN, e-mail, IBAN, IP, URL, US driver's
licence, bank number, ITIN, passport, date, crypto, ...) and the
``phonenumbers``-based PhoneRecognizer. With no tokens, Presidio's context
enhancer cannot raise scores from context words in the text: these are the
pattern recognizers alone.

Presidio's e-mail recognizer calls ``tldextract``, which by default fetches the
public suffix list over the network; it is pointed at its bundled snapshot
first, so nothing is downloaded.
"""

from __future__ import annotations

from typing import Any


def offline_tldextract() -> None:
    """Point ``tldextract`` (Presidio's e-mail recognizer) at its bundled suffix list: no download."""
    import tldextract
    import tldextract.tldextract as tldextract_module

    tldextract_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def offline_analyzer() -> Any:
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def recognizer_names(analyzer: Any) -> list[str]:
    return sorted(type(r).__name__ for r in analyzer.registry.recognizers)
