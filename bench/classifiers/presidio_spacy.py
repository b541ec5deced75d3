"""Presidio's analyzer as its documentation sets it up: every default recognizer, NER included, over a spaCy
pipeline. For throughput only.

Presidio's default engine loads a trained English model (``en_core_web_lg``); trained spaCy models are not
on PyPI and this benchmark stays offline, so the pipeline here is spaCy's own ``efficiency`` configuration
for English (``spacy init config --pipeline tok2vec,tagger,parser,ner``), the architecture ``en_core_web_sm``
is trained from, with ``en_core_web_sm``'s label sets, initialised but not trained. A neural network's cost
is its shape, not its weights: each text goes through the same layers, and the tagger, parser and entity
recogniser take one decision per token (two for the parser) whatever they decide. The real
``en_core_web_sm`` adds an attribute ruler and a lemmatizer, and ``en_core_web_lg`` adds 300-wide static
vectors, so this is if anything faster than what Presidio runs by default. Its entities are noise, so its
findings are never scored: the quality comparison stays with the pattern recognizers
(``presidio_offline``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .presidio_offline import offline_tldextract

PIPELINE = ["tok2vec", "tagger", "parser", "ner"]
# en_core_web_sm 3.x: Penn Treebank tags, ClearNLP dependency labels, OntoNotes entity types.
TAGS = (
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "HYPH", "IN", "JJ",
    "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS",
    "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``",
    "_SP",
)
DEPENDENCIES = (
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case", "cc",
    "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj", "expl", "intj", "mark",
    "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj",
    "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp",
)
ENTITIES = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG",
    "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)


def small_english_pipeline(directory: Path) -> Path:
    """Write an untrained pipeline of ``en_core_web_sm``'s shape to ``directory``; return its path."""
    import spacy
    from spacy.cli.init_config import init_config

    nlp = spacy.util.load_model_from_config(init_config(lang="en", pipeline=PIPELINE, optimize="efficiency"),
                                            auto_fill=True, validate=True)
    for component, labels in (("tagger", TAGS), ("parser", DEPENDENCIES), ("ner", ENTITIES)):
        for label in labels:
            nlp.get_pipe(component).add_label(label)
    nlp.initialize()
    nlp.to_disk(directory)
    return directory


def spacy_analyzer() -> Any:
    """Presidio's ``AnalyzerEngine`` with its default recognizers over the pipeline above."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    with tempfile.TemporaryDirectory(prefix="socialgov-bench-spacy-") as directory:
        pipeline = small_english_pipeline(Path(directory))
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(pipeline)}])
        engine.load()  # reads the files; the directory can go afterwards
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
