"""Quality and speed of ``socialgov.classifiers`` on public labelled data, beside Presidio and alt-profanity-check.

Run from the repository root: ``.venv/bin/python -m bench.classifiers.run`` (see bench/README.md).
"""
