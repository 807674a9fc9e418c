"""The footer's "last updated" date, taken from the sources, never from the clock.

Sphinx dates ``html_last_updated_fmt`` with the time of the build, so two builds
of the same sources differ. Here the date is ``SOURCE_DATE_EPOCH`` when it is set
(the reproducible-builds convention) and otherwise the date of the commit the
site is built from (``git log -1``): a checkout always shows the same date. Built
outside git with no ``SOURCE_DATE_EPOCH``, the site shows no date at all.

One date for the whole site, as al-folio's ``last_updated`` footer shows. A date
per page from each file's history (sphinx-last-updated-by-git) warns, and so
fails a ``-W`` build, in shallow clones such as Read the Docs' and outside git.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import format_date

from .docstore import SiteRecord

logger = logging.getLogger(__name__)

#: The date the site's pages show, as the last build worked it out: when it moves, every page is written.
SOURCE_DATE = SiteRecord("homepage_source_date")


def source_date(srcdir: Path, environ: dict[str, str] | None = None) -> datetime | None:
    """``SOURCE_DATE_EPOCH`` if set, else the committer date of ``HEAD`` in ``srcdir``; None if neither."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            logger.warning(
                "SOURCE_DATE_EPOCH should be a number of seconds, not %r; using the git date",
                epoch,
                type="homepage",
                subtype="lastupdated",
            )
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=srcdir,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git: nothing to date the site by
    if result.returncode != 0 or not result.stdout.strip().isdigit():
        return None  # not a repository, or one without commits
    return datetime.fromtimestamp(int(result.stdout.strip()), tz=UTC)


def _date_site(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Date the build once, after reading; when the date moved (a new commit), every page shows the new one."""
    if app.builder.format != "html" or app.config.html_last_updated_fmt is None:
        date = None
    else:
        date = source_date(Path(app.srcdir))
    previous = SOURCE_DATE.set(env, date)
    if previous is not SiteRecord.MISSING and previous != date:
        return sorted(env.found_docs)
    return []


def _set_page_date(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    date = SOURCE_DATE.get(app.env)
    if date is None:
        # Sphinx put the clock's date here; show none rather than that.
        context["last_updated"] = None
        context["homepage_year"] = None
        return
    fmt = app.config.html_last_updated_fmt or "%b %d, %Y"
    context["last_updated"] = format_date(fmt, date=date, language=app.config.language)
    context["homepage_year"] = date.year


def setup_lastupdated(app: Sphinx) -> None:
    app.connect("env-updated", _date_site)
    app.connect("html-page-context", _set_page_date)
