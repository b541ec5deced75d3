"""Content analysis: classifiers that read text and return findings. A library: no ORM here."""
