"""The extension point: base class, registry, lazy loading, plugins, thresholds, batches."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialgov.classifiers import (
    BUILTIN,
    CATEGORIES,
    DEFAULT_ENABLED,
    LABELS,
    Classifier,
    ClassifierConfigError,
    Context,
    Finding,
    Registry,
    import_classifier,
    labels_of,
)
from socialgov.classifiers import registry as registry_module
from socialgov.classifiers.base import merge_findings
from socialgov.classifiers.text import words


class Shouting(Classifier):
    """A third-party classifier: flags texts written in capitals."""

    name = "shouting"
    version = "2"
    labels = ("shouting",)

    def __init__(self, min_letters: int = 5, **options: object) -> None:
        super().__init__(**options)
        self.min_letters = min_letters

    def classify(self, text: str, context: Context) -> list[Finding]:
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= self.min_letters and all(c.isupper() for c in letters):
            return [self.finding("shouting", 0.6, 0, len(text), "Written entirely in capital letters.")]
        return []


class NeedsMissingPackage(Classifier):
    name = "needs_missing"
    labels = ("x",)

    def __init__(self, **options: object) -> None:
        import socialgov_no_such_package  # noqa: F401


def test_every_builtin_classifier_loads_and_declares_its_labels() -> None:
    registry = Registry(use_entry_points=False)
    assert registry.enabled_names == DEFAULT_ENABLED == tuple(BUILTIN)
    for classifier in registry.classifiers():
        assert classifier.name in BUILTIN and classifier.version and classifier.labels
        assert set(classifier.labels) <= set(LABELS), classifier.name


def test_every_label_has_a_requirement_and_a_category() -> None:
    for label in LABELS.values():
        assert label.requirements and label.category in CATEGORIES
        assert all(r.split("-")[0] in {"LCCS", "DCFS", "KY", "LAC", "NJ"} for r in label.requirements)


def test_only_the_urgent_label_is_urgent() -> None:
    assert [k for k, label in LABELS.items() if label.severity == "urgent"] == ["child_abuse_report"]


def test_classifiers_are_imported_only_when_used() -> None:
    code = ("import sys; from socialgov.classifiers import Registry; r = Registry(['spam']); "
            "assert 'socialgov.classifiers.builtin.pii' not in sys.modules; r.classify('hi'); "
            "assert 'socialgov.classifiers.builtin.spam' in sys.modules; "
            "assert 'socialgov.classifiers.builtin.pii' not in sys.modules; "
            "assert 'phonenumbers' not in sys.modules; Registry().classify('hello'); "
            "assert 'profanity_check' not in sys.modules and 'sklearn' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_optional_profanity_check_classifier_when_enabled() -> None:
    pytest.importorskip("profanity_check", reason="alt-profanity-check is in the bench extra")
    results = list(Registry(["profanity_check"]).classify_many(["you are a fucking idiot", "thank you"]))
    (finding,) = results[0]
    assert (finding.label, finding.classifier, finding.start, finding.end) == ("vulgarity", "profanity_check", 0, 23)
    assert "alt-profanity-check" in finding.explanation
    assert results[1] == []


def test_unknown_names_are_refused_with_the_available_ones() -> None:
    with pytest.raises(ClassifierConfigError, match="unknown classifier.*nope.*available: .*spam"):
        Registry(["nope"])


@pytest.mark.parametrize(("path", "message"), [
    ("socialgov.nowhere:Thing", "cannot import 'socialgov.nowhere'"),
    ("socialgov.classifiers.base:Finding", "not a socialgov.classifiers.Classifier subclass"),
    ("nodots", "not a dotted path"),
])
def test_bad_dotted_paths_say_what_is_wrong(path: str, message: str) -> None:
    with pytest.raises(ClassifierConfigError, match=message):
        import_classifier(path)


def test_dotted_paths_load_in_both_spellings() -> None:
    assert import_classifier("socialgov.classifiers.builtin.spam:SpamClassifier").name == "spam"
    assert import_classifier("socialgov.classifiers.builtin.spam.SpamClassifier").name == "spam"


def test_plugins_by_class_or_path_with_options() -> None:
    registry = Registry(["shouting"], plugins={"shouting": Shouting}, options={"shouting": {"min_letters": 3}})
    (finding,) = registry.classify("HEY YOU")
    assert (finding.classifier, finding.classifier_version, finding.label) == ("shouting", "2", "shouting")
    registry = Registry(["shouting"], plugins={"shouting": f"{__name__}:Shouting"})
    assert registry.classify("HEY") == []  # default min_letters=5


def test_bad_options_and_missing_optional_packages_are_config_errors() -> None:
    registry = Registry(["shouting"], plugins={"shouting": Shouting}, options={"shouting": {"loud": True}})
    with pytest.raises(ClassifierConfigError, match="bad options for classifier 'shouting'"):
        registry.classify("x")
    registry = Registry(["needs_missing"], plugins={"needs_missing": NeedsMissingPackage})
    with pytest.raises(ClassifierConfigError, match="needs an optional package"):
        registry.classify("x")


class _EntryPoint:
    name = "shouting"

    def load(self) -> type[Classifier]:
        return Shouting


def test_third_party_classifiers_come_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    seen_groups = []

    def fake_entry_points(group: str) -> list[_EntryPoint]:
        seen_groups.append(group)
        return [_EntryPoint()]

    monkeypatch.setattr(registry_module, "entry_points", fake_entry_points)
    registry = Registry([*DEFAULT_ENABLED, "shouting"])
    assert seen_groups == ["socialgov.classifiers"]
    assert "shouting" in registry.available
    assert "shouting" in labels_of(registry.classify("STOP SHOUTING"))


def test_register_adds_and_enables() -> None:
    registry = Registry(["spam"], use_entry_points=False)
    registry.register("shouting", Shouting)
    assert registry.enabled_names == ("spam", "shouting")


@pytest.mark.parametrize(("thresholds", "reported"), [
    ({}, True),  # default 0.5; the finding scores 0.6
    ({"*": 0.7}, False),
    ({"shouting": 0.7}, False),  # by classifier name
    ({"shouting": 0.5, "*": 0.9}, True),  # most specific wins
])
def test_thresholds_per_pack(thresholds: dict[str, float], reported: bool) -> None:
    registry = Registry(["shouting"], plugins={"shouting": Shouting})
    assert bool(registry.classify("HELLO THERE", Context(thresholds=thresholds))) is reported


def test_thresholds_by_label_and_by_category() -> None:
    registry = Registry(["pii"])
    text = "call (419) 213-2273 or mail a@b.org"
    assert labels_of(registry.classify(text, Context(thresholds={"pii.phone": 0.99}))) == ["pii.email"]
    assert labels_of(registry.classify(text, Context(thresholds={"pii": 0.99}))) == []


def test_findings_come_in_reading_order_across_classifiers() -> None:
    findings = Registry().classify("You are an idiot, call me at (419) 213-2273")
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert {"personal_attack", "pii.phone"} <= set(labels_of(findings))


def test_classify_many_is_lazy_and_keeps_order() -> None:
    pulled = []

    def texts() -> Iterator[str]:
        for i in range(600):
            pulled.append(i)
            yield "ssn 123-45-6780" if i % 2 else "hello"

    results = Registry(["pii"]).classify_many(texts())
    first = next(results)
    assert first == [] and len(pulled) == 256  # one batch, not the whole input
    rest = list(results)
    assert len(rest) == 599 and all(bool(r) == (i % 2 == 0) for i, r in enumerate(rest))


class Vectorised(Shouting):
    name = "vectorised"
    calls: list[int] = []

    def classify_many(self, texts, context=None):  # type: ignore[no-untyped-def]
        Vectorised.calls.append(len(texts))
        return [self.classify(t, context) for t in texts]


def test_classifiers_that_batch_get_whole_batches() -> None:
    Vectorised.calls = []
    registry = Registry(["vectorised", "spam"], plugins={"vectorised": Vectorised})
    results = list(registry.classify_many(["HELLO WORLD"] * 300))
    assert Vectorised.calls == [256, 44]
    assert all(labels_of(r) == ["shouting"] for r in results)


class PermitQuestions(Shouting):
    """A plugin that only ever finds something in a text with "permit" or "permits" in it."""

    name = "permit_questions"
    labels = ("permit_question",)
    trigger_words = frozenset({"permit", "permits"})
    seen: list[str] = []

    def classify(self, text: str, context: Context) -> list[Finding]:
        PermitQuestions.seen.append(text)
        return [self.finding("permit_question", 0.9, 0, len(text), "Asks about a permit.")] if "?" in text else []


def test_a_classifier_is_not_called_for_texts_without_its_trigger_words() -> None:
    PermitQuestions.seen = []
    texts = ["Where do I get a PERMIT?", "permitting is slow", "Two permits, please.", "hello", "", "permit?"]
    results = list(Registry(["permit_questions", "pii"], plugins={"permit_questions": PermitQuestions})
                   .classify_many(texts))
    assert PermitQuestions.seen == ["Where do I get a PERMIT?", "Two permits, please.", "permit?"]
    assert [labels_of(r) for r in results] == [["permit_question"], [], [], [], [], ["permit_question"]]


@pytest.mark.parametrize(("trigger_words", "message"), [
    (frozenset(), "empty trigger_words"),
    (frozenset({"permit", "Permit"}), "['Permit'] are not single lower-case words"),
    (frozenset({"building permit"}), "['building permit'] are not single lower-case words"),
])
def test_trigger_words_no_text_could_hold_are_refused(trigger_words: frozenset[str], message: str) -> None:
    broken = type("Broken", (PermitQuestions,), {"trigger_words": trigger_words})
    with pytest.raises(ClassifierConfigError, match=re.escape(message)):
        Registry(["broken"], plugins={"broken": broken}).classifiers()


def _test_texts() -> list[str]:
    """Every string of the classifier tests (the table-driven cases, spam and clean), also in capitals."""
    found = {node.value for path in Path(__file__).parent.glob("test_*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3}
    return sorted(found | {t.upper() for t in found})


def test_the_builtin_classifiers_trigger_words_skip_only_texts_they_find_nothing_in() -> None:
    """The registry's skipping must never lose a finding: a built-in classifier with trigger words finds
    nothing at all in a text without one of them, and the registry reports exactly what calling every
    classifier on every text does."""
    registry, context = Registry(), Context(staff_names=("Dana Smith",), case_number_patterns=(r"\b\d{2}-JC-\d{4}\b",))
    gated = [clf for clf in registry.classifiers() if clf.trigger_words is not None]
    assert {clf.name for clf in gated} >= {"personal_attack", "hate", "threat", "child_abuse_report", "promotion"}
    texts = _test_texts()
    skipped = found_in = 0
    for clf in gated:
        for text in texts:
            if clf.trigger_words.isdisjoint(words(text)):
                skipped += 1
                assert clf.classify(text, context) == [], (clf.name, text)
            else:
                found_in += bool(clf.classify(text, context))
    assert skipped > 1000 and found_in > 100  # the strings exercise both sides
    threshold = context.threshold
    every_call = [merge_findings([f for f in clf.classify(text, context) if f.score >= threshold(f.label, f.classifier)]
                                 for clf in registry.classifiers()) for text in texts]
    assert list(registry.classify_many(texts, context)) == every_call


def test_finding_public_form_is_the_cli_contract() -> None:
    finding = Finding("spam", 0.123456, 1, 5, "Why.", "spam", "1", "normal")
    assert finding.as_dict() == {"label": "spam", "score": 0.1235, "start": 1, "end": 5, "explanation": "Why.",
                                 "classifier": "spam"}
    assert finding.as_record()["classifier_version"] == "1"


def test_scores_are_clamped() -> None:
    assert Shouting().finding("shouting", 1.7, 0, 1, "x").score == 1.0
