"""The packages a new site installs, pinned at the versions installed here.

A site made from this environment builds here; pinning what is installed here (this project's
``requirements.txt``, when it is this project's venv) gives the site the same set on a fresh machine. The set
is the closure of the requirements the roots name, read from the installed distributions' metadata: a
requirement whose marker does not hold here (another platform, an extra) is left out, as pip leaves it out.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


class NotInstalled(LookupError):
    """A package a site needs is not installed here, so it has no version to pin."""


def _installed(name: str) -> importlib.metadata.Distribution:
    try:
        return importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        raise NotInstalled(f"{name} is not installed here; install it, then make the site again") from None


def _requirements(distribution: importlib.metadata.Distribution, extras: set[str]) -> Iterable[Requirement]:
    for text in distribution.requires or ():
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""}):
            yield requirement


def pinned(roots: Iterable[str], leave_out: Iterable[str] = ()) -> dict[str, str]:
    """Canonical name -> installed version, for the roots and all they need, but for ``leave_out`` (which are
    not followed either: what they need comes with them)."""
    found: dict[str, str] = {}
    skipped = {canonicalize_name(name) for name in leave_out}
    waiting = [Requirement(root) for root in roots]
    while waiting:
        requirement = waiting.pop()
        name = canonicalize_name(requirement.name)
        if name in skipped or name in found:
            continue
        distribution = _installed(name)
        found[name] = distribution.version
        waiting.extend(_requirements(distribution, set(requirement.extras)))
    return dict(sorted(found.items()))


def distributions_of(modules: Iterable[str]) -> list[str]:
    """The installed distributions that hold these modules (Sphinx extensions named as in ``extensions``)."""
    holders = importlib.metadata.packages_distributions()
    names = []
    for module in modules:
        top = module.split(".")[0]
        if top not in holders:
            raise NotInstalled(f"no installed package holds the extension {module!r}")
        names += [canonicalize_name(name) for name in holders[top]]
    return sorted(set(names))
