"""Named permission predicates for archive search, saved searches and record labels.

Anyone in the agency who may read its records may search them and save a search (the basis of a
records request). Labelling a record confidential (case information) — and lifting the label — is
for the people who may see confidential records: the roles the pack in force names (by default
the records officer and the agency head) and system administrators. Nobody can hide a record
from themselves, and whoever can see a label can lift it.
"""

from __future__ import annotations

import rules

from socialgov.agencies.rules import is_agency_member, is_superuser
from socialgov.agencies.selectors import agency_id_of
from socialgov.archive.selectors import may_see_confidential


@rules.predicate
def sees_confidential_records(user, obj=None) -> bool:
    return obj is not None and is_agency_member(user, obj) and may_see_confidential(user, agency_id_of(obj))


may_label_records = is_superuser | sees_confidential_records


rules.add_perm("search.save_search", is_superuser | is_agency_member)
rules.add_perm("search.label_records", may_label_records)
