"""Measure the classifiers: quality on labelled data and speed, beside Presidio and alt-profanity-check.

    .venv/bin/python -m bench.classifiers.run [--data DIR] [--repeat N] [--json FILE] [--no-presidio]
                                               [--no-profanity-check]

One run, one machine, the same texts for every system; pinned to one CPU.
Prints Markdown tables at the end. Needs the ``bench`` extra for the
comparisons (``pip install -e '.[bench]'``); without it, only our figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# One core means one thread too: numpy/scikit-learn (alt-profanity-check) must not spread out.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from socialgov.classifiers import Context, Registry  # noqa: E402

from .data import DEFAULT_DATA, PIIExample, Span, load_pii, load_spam  # noqa: E402
from .scoring import Counts, SpanScores, agreement, binary_counts, score_spans  # noqa: E402

# Gold entity type -> (our label, Presidio entity). Only types that patterns (formats, checksums,
# context words) can find: the rest of the set (PERSON, GPE, ORGANIZATION, ...) needs NER.
PATTERN_TYPES: dict[str, tuple[str, str]] = {
    "EMAIL_ADDRESS": ("pii.email", "EMAIL_ADDRESS"),
    "PHONE_NUMBER": ("pii.phone", "PHONE_NUMBER"),
    "CREDIT_CARD": ("pii.credit_card", "CREDIT_CARD"),
    "US_SSN": ("pii.ssn", "US_SSN"),
    "IP_ADDRESS": ("pii.ip_address", "IP_ADDRESS"),
    "IBAN_CODE": ("pii.bank_account", "IBAN_CODE"),
    "US_DRIVER_LICENSE": ("pii.driver_license", "US_DRIVER_LICENSE"),
    "DOMAIN_NAME": ("external_link", "URL"),
}
# Reported for information (ours only): Presidio finds these with an NER model, not patterns.
CONTEXT_TYPES: dict[str, str] = {"STREET_ADDRESS": "pii.address", "PERSON": "pii.person_name"}
SPAM_LABELS = frozenset({"spam", "external_link"})  # LCCS-09 (4): "spam or links to other sites"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    _pin_to_one_cpu()
    if not (args.data / "pii").is_dir():
        print(f"labelled data not found under {args.data} (pass --data)", file=sys.stderr)
        return 2
    pii, spam = load_pii(args.data), load_spam(args.data)
    texts = [e.text for e in pii] + [e.text for e in spam]
    report: dict[str, Any] = {"texts": len(texts), "pii_texts": len(pii), "spam_texts": len(spam),
                              "machine": _machine()}

    registry, context = Registry(), Context()
    ours, report["ours_speed"] = _time_ours(registry, context, texts, args.repeat)
    ours_labels = [{f.label for f in findings} for findings in ours]
    report["pii"] = pii_quality(pii, ours[: len(pii)])
    report["spam"] = spam_quality(spam, ours_labels[len(pii):])
    if args.presidio:
        report["presidio"] = _presidio(pii, texts)
        if "speed" in report["presidio"] and args.rounds:
            report["side_by_side"] = _side_by_side(registry, context, texts, args.rounds)
        if "speed" in report["presidio"]:
            report["presidio_spacy"] = _presidio_spacy(registry, context, texts)
    if args.profanity_check:
        report["profanity_check"] = _profanity_check(texts, ours_labels)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=_counts_json), encoding="utf-8")
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.classifiers.run", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"labelled data (default {DEFAULT_DATA})")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts for our timing (default 5)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds of one pass of ours then one of Presidio, for the ratio (default 5; 0: none)")
    parser.add_argument("--no-presidio", dest="presidio", action="store_false", help="skip Presidio")
    parser.add_argument("--no-profanity-check", dest="profanity_check", action="store_false",
                        help="skip alt-profanity-check")
    return parser.parse_args(argv)


def _machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"cpus": os.cpu_count(), "load_average_1min": round(load[0], 2), "python": sys.version.split()[0]}


def _pin_to_one_cpu() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _timed(run: Callable[[], Any]) -> tuple[Any, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def _speed(n: int, cpu: float, wall: float) -> dict[str, float]:
    return {"texts": n, "cpu_seconds": cpu, "wall_seconds": wall,
            "texts_per_second_cpu": n / cpu if cpu else 0.0, "texts_per_second_wall": n / wall if wall else 0.0}


def _time_ours(registry: Registry, context: Context, texts: list[str], repeat: int) -> tuple[list, dict]:
    registry.classifiers()  # imports and set-up are not throughput
    list(registry.classify_many(texts[:50], context))
    results: list = []
    cpu_total = wall_total = 0.0
    for _ in range(max(1, repeat)):
        results, cpu, wall = _timed(lambda: list(registry.classify_many(texts, context)))
        cpu_total, wall_total = cpu_total + cpu, wall_total + wall
    speed = _speed(len(texts) * max(1, repeat), cpu_total, wall_total)
    speed["classifiers"] = list(registry.enabled_names)
    return results, speed


def pii_quality(examples: list[PIIExample], findings: list) -> dict[str, Any]:
    to_gold = {ours: gold for gold, (ours, _) in PATTERN_TYPES.items()} | {v: k for k, v in CONTEXT_TYPES.items()}
    predicted = [[Span(to_gold[f.label], f.start, f.end) for f in fs if f.label in to_gold] for fs in findings]
    return _span_report(examples, predicted, with_context_types=True)


def _span_report(examples: list[PIIExample], predicted: list[list[Span]], with_context_types: bool) -> dict:
    pattern = frozenset(PATTERN_TYPES)
    overlap, exact, context_scores = SpanScores(), SpanScores(), SpanScores()
    for example, spans in zip(examples, predicted, strict=True):
        score_spans(overlap, example.text, example.spans, spans, pattern)
        score_spans(exact, example.text, example.spans, spans, pattern, exact=True)
        if with_context_types:
            score_spans(context_scores, example.text, example.spans, spans, frozenset(CONTEXT_TYPES))
    report = {"by_type": {t: overlap.counts(t) for t in PATTERN_TYPES}, "micro": overlap.micro(PATTERN_TYPES),
              "micro_exact": exact.micro(PATTERN_TYPES)}
    if with_context_types:
        report["context_types"] = {t: context_scores.counts(t) for t in CONTEXT_TYPES}
    return report


def spam_quality(examples: list, labels: list[set[str]]) -> dict[str, Any]:
    gold = [e.spam for e in examples]
    report = {"category": binary_counts(gold, [bool(ls & SPAM_LABELS) for ls in labels]),
              "spam_label_only": binary_counts(gold, ["spam" in ls for ls in labels]), "by_video": {}}
    for source in sorted({e.source for e in examples}):
        rows = [(e.spam, bool(ls & SPAM_LABELS)) for e, ls in zip(examples, labels, strict=True) if e.source == source]
        report["by_video"][source] = binary_counts([g for g, _ in rows], [p for _, p in rows])
    return report


def _presidio(examples: list[PIIExample], texts: list[str]) -> dict[str, Any]:
    try:
        from .presidio_offline import offline_analyzer, recognizer_names
    except ImportError as exc:  # pragma: no cover - reported, not fatal
        return {"error": f"presidio-analyzer not installed ({exc}); pip install -e '.[bench]'"}
    analyzer = offline_analyzer()
    analyzer.analyze(texts[0], language="en")
    results, cpu, wall = _timed(lambda: [analyzer.analyze(t, language="en") for t in texts])
    to_gold = {presidio: gold for gold, (_, presidio) in PATTERN_TYPES.items()}
    predicted = [[Span(to_gold[r.entity_type], r.start, r.end) for r in rs if r.entity_type in to_gold]
                 for rs in results[: len(examples)]]
    report = _span_report(examples, predicted, with_context_types=False)
    report["speed"] = _speed(len(texts), cpu, wall)
    report["recognizers"] = recognizer_names(analyzer)
    return report


def _side_by_side(registry: Registry, context: Context, texts: list[str], rounds: int) -> dict[str, Any]:
    """Ours and Presidio's pattern analyzer in alternation, one pass each a round, and the ratio of their
    speeds per round: a round's two passes run seconds apart, so the machine's drift in speed (a VM's CPU
    time per instruction can swing by half from minute to minute) moves both, and the ratio stays put."""
    from .presidio_offline import offline_analyzer

    analyzer = offline_analyzer()
    analyzer.analyze(texts[0], language="en")
    rows = []
    for _ in range(rounds):
        _, ours_cpu, _ = _timed(lambda: list(registry.classify_many(texts, context)))
        _, theirs_cpu, _ = _timed(lambda: [analyzer.analyze(t, language="en") for t in texts])
        ours, theirs = len(texts) / ours_cpu, len(texts) / theirs_cpu
        rows.append({"ours": ours, "presidio": theirs, "ratio": ours / theirs})
    return {"rounds": rows, "median_ratio": statistics.median(r["ratio"] for r in rows),
            "median_ours": statistics.median(r["ours"] for r in rows),
            "median_presidio": statistics.median(r["presidio"] for r in rows)}


def _presidio_spacy(registry: Registry, context: Context, texts: list[str]) -> dict[str, Any]:
    """One pass of Presidio's analyzer as its documentation sets it up (NER over a spaCy pipeline; speed only,
    see ``presidio_spacy``) right after one pass of ours, and the ratio of the two speeds."""
    try:
        from .presidio_spacy import spacy_analyzer
        analyzer = spacy_analyzer()
    except Exception as exc:  # reported, not fatal: the rest of the run stands
        return {"error": f"Presidio with a spaCy pipeline could not be set up: {type(exc).__name__}: {exc}"}
    analyzer.analyze(texts[0], language="en")
    _, ours_cpu, _ = _timed(lambda: list(registry.classify_many(texts, context)))
    _, cpu, wall = _timed(lambda: [analyzer.analyze(t, language="en") for t in texts])
    speed = _speed(len(texts), cpu, wall)
    ours = len(texts) / ours_cpu
    return {"speed": speed, "ours": ours, "ratio": ours / speed["texts_per_second_cpu"]}


def _profanity_check(texts: list[str], ours_labels: list[set[str]]) -> dict[str, Any]:
    try:
        from profanity_check import predict
    except ImportError as exc:  # pragma: no cover
        return {"error": f"alt-profanity-check not installed ({exc}); pip install -e '.[bench]'"}
    predict(texts[:10])
    theirs, cpu, wall = _timed(lambda: [bool(p) for p in predict(texts)])
    ours = ["vulgarity" in ls for ls in ours_labels]
    observed, kappa, table = agreement(ours, theirs)
    return {"agreement": observed, "kappa": kappa, "table": table, "ours_flagged": sum(ours),
            "theirs_flagged": sum(theirs), "speed": _speed(len(texts), cpu, wall)}


def _counts_json(value: Any) -> Any:
    if isinstance(value, Counts):
        return {"tp": value.tp, "fp": value.fp, "fn": value.fn, "precision": value.precision,
                "recall": value.recall, "f1": value.f1}
    raise TypeError(type(value).__name__)


# --- the tables ----------------------------------------------------------------------------------------------------
def render(report: dict[str, Any]) -> str:
    return "\n".join([*_render_pii(report), *_render_spam(report), *_render_profanity(report),
                      *_render_speed(report)])


def _prf(c: Counts | None) -> str:
    return f"{c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f}" if c is not None else "– | – | –"


def _render_pii(report: dict[str, Any]) -> list[str]:
    ours, presidio = report["pii"], report.get("presidio", {})
    theirs = presidio.get("by_type", {})
    lines = [f"## PII, span level ({report['pii_texts']} texts of presidio_synth_dataset_v2.json)", "",
             "A match: same type and overlap of at least half the union of the two spans.", "",
             "| gold type | our label | support | ours P | ours R | ours F1 | Presidio P | Presidio R | Presidio F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for gold, (label, _) in PATTERN_TYPES.items():
        c = ours["by_type"][gold]
        lines.append(f"| {gold} | {label} | {c.support} | {_prf(c)} | {_prf(theirs.get(gold))} |")
    lines.append(f"| **micro, pattern-detectable** | | {ours['micro'].support} | {_prf(ours['micro'])} | "
                 f"{_prf(presidio.get('micro'))} |")
    lines.append(f"| micro, exact boundaries | | {ours['micro_exact'].support} | {_prf(ours['micro_exact'])} | "
                 f"{_prf(presidio.get('micro_exact'))} |")
    lines += ["", "Not pattern-detectable (Presidio uses NER for these); ours, from context words, for information:",
              "", "| gold type | our label | support | ours P | ours R | ours F1 |", "|---|---|---:|---:|---:|---:|"]
    for gold, label in CONTEXT_TYPES.items():
        c = ours["context_types"][gold]
        lines.append(f"| {gold} | {label} | {c.support} | {_prf(c)} |")
    if "error" in presidio:
        lines += ["", f"Presidio: {presidio['error']}"]
    return [*lines, ""]


def _render_spam(report: dict[str, Any]) -> list[str]:
    spam = report["spam"]
    lines = [f"## Spam or links (LCCS-09 (4)), text level ({report['spam_texts']} YouTube comments)", "",
             "| set | spam | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    for source, c in spam["by_video"].items():
        lines.append(f"| {source} | {c.support} | {_prf(c)} |")
    lines.append(f"| **all: spam or external_link** | {spam['category'].support} | {_prf(spam['category'])} |")
    lines.append(f"| all: spam label alone | {spam['spam_label_only'].support} | {_prf(spam['spam_label_only'])} |")
    return [*lines, ""]


def _render_profanity(report: dict[str, Any]) -> list[str]:
    pc = report.get("profanity_check")
    if pc is None:
        return []
    if "error" in pc:
        return [f"alt-profanity-check: {pc['error']}", ""]
    t = pc["table"]
    return [f"## Vulgarity: agreement with alt-profanity-check ({report['texts']} texts)", "",
            "| agreement | Cohen's kappa | both flag | ours only | theirs only | neither |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {pc['agreement']:.3f} | {pc['kappa']:.3f} | {t['both']} | {t['ours_only']} | {t['theirs_only']} | "
            f"{t['neither']} |", ""]


def _render_speed(report: dict[str, Any]) -> list[str]:
    rows = [("socialgov, all default classifiers", report["ours_speed"])]
    if "speed" in report.get("presidio", {}):
        rows.append(("Presidio analyzer, pattern recognizers, offline", report["presidio"]["speed"]))
    spacy_run = report.get("presidio_spacy", {})
    if "speed" in spacy_run:
        rows.append(("Presidio analyzer, all default recognizers with NER (spaCy pipeline of en_core_web_sm's shape)",
                     spacy_run["speed"]))
    if "speed" in report.get("profanity_check", {}):
        rows.append(("alt-profanity-check (one batch call)", report["profanity_check"]["speed"]))
    machine = report["machine"]
    lines = ["## Throughput, one core", "",
             f"Pinned to one CPU of {machine['cpus']}; load average {machine['load_average_1min']} at the start "
             f"(other work on the machine slows wall time, not CPU time); Python {machine['python']}.", "",
             "| system | texts | texts/s (CPU time) | texts/s (wall) |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {s['texts']} | {s['texts_per_second_cpu']:,.0f} | {s['texts_per_second_wall']:,.0f} |"
              for name, s in rows]
    side = report.get("side_by_side")
    if side:
        lines += ["", f"Side by side, {len(side['rounds'])} rounds of one pass of each over the {report['texts']} "
                  "texts (texts per CPU second):", "",
                  "| round | socialgov | Presidio | ratio |", "|---:|---:|---:|---:|"]
        lines += [f"| {i} | {r['ours']:,.0f} | {r['presidio']:,.0f} | {r['ratio']:.1f} |"
                  for i, r in enumerate(side["rounds"], 1)]
        lines.append(f"| **median** | {side['median_ours']:,.0f} | {side['median_presidio']:,.0f} | "
                     f"**{side['median_ratio']:.1f}** |")
    if "speed" in spacy_run:
        lines += ["", f"Beside Presidio's analyzer with NER, one pass of each: socialgov {spacy_run['ours']:,.0f} "
                  f"texts per CPU second, Presidio {spacy_run['speed']['texts_per_second_cpu']:,.0f}, "
                  f"ratio **{spacy_run['ratio']:.1f}**."]
    elif "error" in spacy_run:
        lines += ["", spacy_run["error"]]
    return [*lines, ""]


if __name__ == "__main__":
    raise SystemExit(main())
