"""Background work of moderation: thin, idempotent, by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django_tasks import task

from socialgov.moderation.services import records_classify

IdsOrRuns = list[int | list[int]]


def id_runs(ids: Iterable[int]) -> IdsOrRuns:
    """``ids`` as a task argument: each run of consecutive ids as ``[first, last]``, a lone id as itself.

    An ingest batch's new records have consecutive ids, so its task carries a few numbers instead of
    thousands; the task backend walks every element of its arguments in Python (django_tasks'
    ``normalize_json``), which cost an import 1.7 % of its time with the ids listed one by one."""
    found: IdsOrRuns = []
    for pk in sorted(set(ids)):
        last = found[-1] if found else None
        if isinstance(last, list) and last[1] + 1 == pk:
            last[1] = pk
        elif isinstance(last, int) and last + 1 == pk:
            found[-1] = [last, pk]
        else:
            found.append(pk)
    return found


def ids_of(ids_or_runs: IdsOrRuns) -> Iterator[int]:
    """The ids ``id_runs`` wrote (or a plain list of ids, as tasks queued before it carry)."""
    for element in ids_or_runs:
        if isinstance(element, int):
            yield element
        else:
            first, last = element
            yield from range(first, last + 1)


@task()
def records_classify_task(account_id: int, record_ids: IdsOrRuns) -> int:
    """Classify newly captured comments of an account (``record_ids`` as ``id_runs`` writes them); returns the
    number of cases opened or updated."""
    return len(records_classify(account_id=account_id, record_ids=list(ids_of(record_ids))))
