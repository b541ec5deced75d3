"""The monitoring schedule of each account, coverage, missed checks, and advertising incidents."""
