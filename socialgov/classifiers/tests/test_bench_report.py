"""The classifier benchmark's side-by-side rounds: the ratio per round, its median, and how they are printed.

The timings are scripted, so the arithmetic and the table are checked without Presidio installed and
without depending on the machine's speed.
"""

from __future__ import annotations

import pytest

from bench.classifiers import presidio_offline
from bench.classifiers import run as bench
from socialgov.classifiers import Context, Registry


class _Analyzer:
    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str, language: str) -> list:
        self.calls += 1
        return []


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> _Analyzer:
    """Each timed pass takes the next CPU time of the script: ours, then Presidio's, round after round."""
    analyzer = _Analyzer()
    monkeypatch.setattr(presidio_offline, "offline_analyzer", lambda: analyzer)
    cpu_times = iter([0.1, 2.0,     # round 1: 100 texts/s against 5: 20.0
                      0.2, 2.0,     # round 2: 50 against 5: 10.0
                      0.1, 1.0])    # round 3: 100 against 10: 10.0

    def timed(run):
        return run(), next(cpu_times), 0.0

    monkeypatch.setattr(bench, "_timed", timed)
    return analyzer


def test_side_by_side_gives_the_ratio_of_each_round_and_the_medians(scripted: _Analyzer) -> None:
    texts = ["call me at 419-555-0134", "hello", "nice video", "check out my channel",
             "my ssn is 078-05-1120", "thanks", "great work", "see you", "ok", "bye"]
    side = bench._side_by_side(Registry(use_entry_points=False), Context(), texts, rounds=3)

    assert [round(r["ratio"], 6) for r in side["rounds"]] == [20.0, 10.0, 10.0]
    assert [round(r["ours"]) for r in side["rounds"]] == [100, 50, 100]
    assert side["median_ratio"] == pytest.approx(10.0)
    assert side["median_ours"] == pytest.approx(100.0)
    assert side["median_presidio"] == pytest.approx(5.0)
    assert scripted.calls == 1 + 3 * len(texts)   # a warm-up call, then every text each round


def test_side_by_side_rounds_are_printed_under_the_throughput_table(scripted: _Analyzer) -> None:
    texts = ["hello"] * 10
    speed = {"texts": 10, "texts_per_second_cpu": 12_345.0, "texts_per_second_wall": 12_000.0}
    report = {"texts": len(texts), "machine": {"cpus": 2, "load_average_1min": 0.5, "python": "3.11"},
              "ours_speed": speed, "presidio": {"speed": {**speed, "texts_per_second_cpu": 800.0}},
              "side_by_side": bench._side_by_side(Registry(use_entry_points=False), Context(), texts, rounds=3)}

    lines = bench._render_speed(report)

    assert "| socialgov, all default classifiers | 10 | 12,345 | 12,000 |" in lines
    assert "| Presidio analyzer, pattern recognizers, offline | 10 | 800 | 12,000 |" in lines
    assert "Side by side, 3 rounds of one pass of each over the 10 texts (texts per CPU second):" in lines
    rounds = [line for line in lines if line[:3] in ("| 1", "| 2", "| 3")]
    assert rounds == ["| 1 | 100 | 5 | 20.0 |", "| 2 | 50 | 5 | 10.0 |", "| 3 | 100 | 10 | 10.0 |"]
    assert lines[lines.index(rounds[-1]) + 1] == "| **median** | 100 | 5 | **10.0** |"


def test_without_rounds_the_throughput_table_stands_alone() -> None:
    speed = {"texts": 10, "texts_per_second_cpu": 9_000.0, "texts_per_second_wall": 8_000.0}
    report = {"texts": 10, "machine": {"cpus": 2, "load_average_1min": 0.5, "python": "3.11"}, "ours_speed": speed}

    lines = bench._render_speed(report)

    assert "| socialgov, all default classifiers | 10 | 9,000 | 8,000 |" in lines
    assert not any(line.startswith(("Side by side", "| **median**")) for line in lines)


def test_presidio_with_ner_is_timed_right_after_a_pass_of_ours_and_printed_with_the_ratio(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.classifiers import presidio_spacy

    analyzer = _Analyzer()
    monkeypatch.setattr(presidio_spacy, "spacy_analyzer", lambda: analyzer)
    cpu_times = iter([0.1, 5.0])  # ours: 100 texts/s; Presidio with NER: 2 texts/s
    monkeypatch.setattr(bench, "_timed", lambda run: (run(), next(cpu_times), 4.0))
    texts = ["hello"] * 10

    run = bench._presidio_spacy(Registry(use_entry_points=False), Context(), texts)

    assert run["ours"] == pytest.approx(100.0)
    assert run["speed"]["texts_per_second_cpu"] == pytest.approx(2.0)
    assert run["ratio"] == pytest.approx(50.0)
    assert analyzer.calls == 1 + len(texts)  # a warm-up call, then every text once
    speed = {"texts": 10, "texts_per_second_cpu": 9_000.0, "texts_per_second_wall": 8_000.0}
    report = {"texts": 10, "machine": {"cpus": 2, "load_average_1min": 0.5, "python": "3.11"}, "ours_speed": speed,
              "presidio": {"speed": speed}, "presidio_spacy": run}
    lines = bench._render_speed(report)
    assert ("| Presidio analyzer, all default recognizers with NER (spaCy pipeline of en_core_web_sm's shape) "
            "| 10 | 2 | 2 |") in lines
    assert ("Beside Presidio's analyzer with NER, one pass of each: socialgov 100 texts per CPU second, "
            "Presidio 2, ratio **50.0**.") in lines


def test_presidio_with_ner_that_cannot_be_set_up_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.classifiers import presidio_spacy

    def broken() -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(presidio_spacy, "spacy_analyzer", broken)
    run = bench._presidio_spacy(Registry(use_entry_points=False), Context(), ["hello"])
    assert run == {"error": "Presidio with a spaCy pipeline could not be set up: OSError: no space left on device"}
    speed = {"texts": 1, "texts_per_second_cpu": 9.0, "texts_per_second_wall": 8.0}
    lines = bench._render_speed({"texts": 1, "machine": {"cpus": 2, "load_average_1min": 0.5, "python": "3.11"},
                                 "ours_speed": speed, "presidio_spacy": run})
    assert run["error"] in lines
