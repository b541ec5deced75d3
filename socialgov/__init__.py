"""socialgov: an agency's official social media, run by its policy and kept as public records."""
