"""Which entries a list shows, worked out from what its page asked for (a :class:`ListQuery`) and the publications.

A page's lists are chosen when the page is read: the ``publications`` directive (keys, filter, sort, limit) and
al-folio's ``selected_papers``. Each records its query and the :func:`list_shape` of what it chose (the domain keeps
them per page), so that after a .bib edit the loader can tell, without reading the page again, whether anything
it settled when read (which entries, in which order and year groups, their anchors, previews and local files, the
"no entry matches" warning) would come out otherwise: only then is the page read again. Otherwise the page is
only written again, and only when an entry it shows changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .filters import FilterError, parse_filter
from .model import Publication


@dataclass(frozen=True)
class ListQuery:
    """What a list asks for: listed keys (empty: every entry), a ``:filter:``, the order, a limit, year groups;
    ``selected_only`` for al-folio's selected papers (the entries with ``selected={true}``, in file order)."""

    keys: tuple[str, ...] = ()
    filter: str | None = None
    order: str = "year"
    limit: int | None = None
    group_by_year: bool = False
    selected_only: bool = False


def sort_publications(publications: list[Publication], order: str) -> list[Publication]:
    """``year``: newest first, file order within a year, undated last; ``file``: as written."""
    if order == "file":
        return list(publications)
    return sorted(publications, key=lambda publication: -(publication.year_number or -10**6))


def missing_keys(query: ListQuery, publications: Mapping[str, Publication]) -> list[str]:
    """The keys the query lists that the bibliography does not hold."""
    return [key for key in query.keys if key.lower() not in publications]


def select(query: ListQuery, publications: Mapping[str, Publication]) -> list[Publication]:
    """The entries the list shows, in its order; raises :class:`.filters.FilterError` for a filter it cannot read."""
    if query.selected_only:
        return [publication for publication in publications.values() if publication.selected]
    chosen = list(publications.values())
    if query.keys:
        chosen = [publications[key.lower()] for key in query.keys if key.lower() in publications]
    if query.filter is not None:
        predicate = parse_filter(query.filter)
        chosen = [publication for publication in chosen if predicate(publication.fields)]
    chosen = sort_publications(chosen, query.order)
    return chosen[: query.limit] if query.limit is not None else chosen


def group_label(publication: Publication, group_by_year: bool) -> str:
    """The year heading an entry goes under ("" without year groups)."""
    return (publication.year or "Undated") if group_by_year else ""


def list_shape(query: ListQuery, publications: Mapping[str, Publication]) -> tuple[Any, ...]:
    """What reading the list settles from the publications: equal shapes, an equal page once read."""
    try:
        chosen: Sequence[Publication] = select(query, publications)
    except FilterError:
        return ("unreadable filter",)
    return (
        bool(publications),
        tuple(missing_keys(query, publications)),
        tuple(
            (
                publication.key,
                group_label(publication, query.group_by_year),
                publication.preview,
                tuple(link.target for link in publication.links if link.local),
            )
            for publication in chosen
        ),
    )
