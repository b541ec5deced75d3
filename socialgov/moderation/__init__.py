"""Comment moderation: cases from classifier findings, the queue, decisions, removals that preserve first."""
