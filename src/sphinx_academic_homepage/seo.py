"""What search engines and hosts read besides the pages: robots.txt, a stable sitemap, and who the site is
about; and, through ``sphinx.ext.githubpages``, the ``.nojekyll`` (and ``CNAME`` for a site on its own domain)
that GitHub Pages needs to serve the site as it is built.

The home page carries schema.org ``Person`` JSON-LD built from ``homepage_person`` (the owner's facts:
``alternate_name``, ``job_title``, ``affiliation``, ``department``, ``alumni_of``, ``image``, a path of
the built site or a URL) with the name of ``homepage_owner_name`` and, as ``sameAs``, the profiles of
``homepage_social`` as :mod:`.social` reads them: the one list of profiles, not a second one here.

sphinx-sitemap writes ``sitemap.xml`` from the pages written in this build: an
incremental build, which writes only the pages that changed, would leave the others
out. Every document of the site is handed to it before it writes, and the file is
then sorted (its page order is the order pages were written, which varies with
``-j``) and rid of the entries given twice, so that any two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

import queue
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree

from sphinx.application import Sphinx

from .buildstate import build_state
from .config import SettingSource, homepage_config
from .diagnostics import warn
from .head import ScriptData, add_head_entries
from .output import writable, write_output
from .priorities import PRIORITY
from .profile import owner_name
from .social import social_links
from .urls import is_external_url, is_safe_url

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def site_url(app: Sphinx) -> str:
    """The site's absolute base URL ending in "/", or "" when none is configured."""
    url = getattr(app.config, "site_url", None) or app.config.html_baseurl or ""
    return url.rstrip("/") + "/" if url else ""


def sorted_sitemap(path: Path) -> bytes:
    """The sitemap at ``path`` with its entries sorted by address, each address once."""
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    root = ElementTree.parse(path).getroot()
    entries = {url.findtext(f"{{{SITEMAP_NAMESPACE}}}loc") or "": url for url in root}
    root[:] = [entries[loc] for loc in sorted(entries)]
    return ElementTree.tostring(root, xml_declaration=True, encoding="utf-8", method="xml")


def robots_txt(base_url: str, sitemap_name: str) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}{sitemap_name}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _every_document_in_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Hand sphinx-sitemap the documents this build did not write (it has the ones it wrote, given twice
    are made once by :func:`sorted_sitemap`), and no page that stands for another.

    sphinx-sitemap collects the pages written in a queue of a manager process (with ``-j`` they are written in other
    processes), each page a round trip to it. Once the pages are written that queue is emptied, and the pages go to
    sphinx-sitemap in a queue of this process: a thousand paper pages are not a thousand more round trips."""
    if app.builder.format != "html" or "sphinx_sitemap" not in app.extensions:
        return
    from sphinx_sitemap import add_html_link

    written = _taken(app.sitemap_links)
    pages: queue.SimpleQueue = queue.SimpleQueue()
    # sphinx-sitemap's own attribute, which its build-finished handler (after this one) reads the pages from.
    app.sitemap_links = pages
    sitemap = Path(app.outdir) / getattr(app.config, "sitemap_filename", "sitemap.xml")
    if exception is not None or not writable(app, sitemap):
        # sphinx-sitemap writes even after a failed build (a sitemap of half the pages), and a file it cannot
        # write ends the build with its traceback, hiding the real error: with no page to list, it writes nothing.
        return
    # With the generated pages this build left as they were (the ones it wrote are given twice, which is fine).
    for pagename in sorted(app.env.found_docs | build_state(app).generated_pages):
        add_html_link(app, pagename, "page.html", {}, None)
    unlisted = {sitemap_link(app, pagename) for pagename in build_state(app).unlisted_pages}
    for link in written + _taken(pages):
        if link[0] not in unlisted:
            pages.put(link)


def _taken(pages: Any) -> list[tuple[str, str | None]]:
    """What a queue of sphinx-sitemap's holds, in order; the queue is left empty."""
    taken = []
    while not pages.empty():
        taken.append(pages.get_nowait())
    return taken


def sitemap_link(app: Sphinx, pagename: str) -> str:
    """The link sphinx-sitemap is given for a page as it is written: its file, or its folder under dirhtml."""
    if getattr(app.env, "is_directory_builder", False):
        return "" if pagename == "index" else pagename.removesuffix("index").rstrip("/") + "/"
    return pagename + (app.config.html_file_suffix or ".html")


def _finish_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    sitemap_name = getattr(app.config, "sitemap_filename", "sitemap.xml")
    sitemap = outdir / sitemap_name
    if sitemap.is_file():
        write_output(app, sitemap, sorted_sitemap(sitemap))
    write_output(app, outdir / "robots.txt", robots_txt(site_url(app), sitemap_name))


#: The keys of ``homepage_person`` and whether each is a list of texts (else a text).
PERSON_KEYS = {
    "alternate_name": False,
    "job_title": False,
    "affiliation": False,
    "department": False,
    "alumni_of": True,
    "image": False,
}


def read_person(person: dict, source: SettingSource) -> Mapping[str, Any]:
    """The keys of ``homepage_person`` that are known and of the right kind; warn once about each other key."""

    def where(key: str) -> str | None:
        return source.conf.entry("homepage_person", str(key))

    checked = {}
    for key, value in person.items():
        if key not in PERSON_KEYS:
            message = f"homepage_person has an unknown key {key!r} (known: {', '.join(PERSON_KEYS)}); ignored"
        elif PERSON_KEYS[key] and not (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
            message = f"homepage_person[{key!r}] should be a list of texts, not {value!r}; ignored"
        elif not PERSON_KEYS[key] and not isinstance(value, str):
            message = f"homepage_person[{key!r}] should be a text, not {value!r}; ignored"
        elif key == "image" and not is_safe_url(value):
            message = f"homepage_person['image'] {value!r} is not a path of the site or an http(s) URL; ignored"
        else:
            message = ""
        if message:
            warn(message, "config", where(key))
        else:
            checked[key] = tuple(value) if PERSON_KEYS[key] else value
    return MappingProxyType(checked)


def person_data(app: Sphinx) -> dict[str, Any]:
    """schema.org ``Person`` for the site's owner."""
    config = app.config
    person = homepage_config(app).person
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": owner_name(config)}
    base = site_url(app)
    if base:
        data["url"] = base
    if person.get("alternate_name"):
        data["alternateName"] = person["alternate_name"]
    if person.get("job_title"):
        data["jobTitle"] = person["job_title"]
    if person.get("affiliation"):
        university = {"@type": "CollegeOrUniversity", "name": person["affiliation"]}
        if person.get("department"):
            data["affiliation"] = {"@type": "Organization", "name": person["department"], "parentOrganization": university}
        else:
            data["affiliation"] = university
    if person.get("alumni_of"):
        data["alumniOf"] = [{"@type": "CollegeOrUniversity", "name": school} for school in person["alumni_of"]]
    image = person.get("image")
    if image and (is_external_url(image) or base):
        data["image"] = image if is_external_url(image) else urljoin(base, image.lstrip("/"))
    profiles = []
    for link in social_links(config):
        if link.url.startswith("mailto:"):
            data.setdefault("email", link.url.removeprefix("mailto:"))
        elif not link.on_site:
            profiles.append(link.url)
    if profiles:
        data["sameAs"] = profiles
    return data


def _add_person(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename != app.config.root_doc or not homepage_config(app).person:
        return
    add_head_entries(context, ScriptData(person_data(app)))


def setup_seo(app: Sphinx) -> None:
    # Without .nojekyll GitHub Pages runs Jekyll, which hides _static/ and _images/.
    app.setup_extension("sphinx.ext.githubpages")
    app.connect("html-page-context", _add_person, priority=PRIORITY.give_head_entries)
    app.connect("build-finished", _every_document_in_sitemap, priority=PRIORITY.sitemap_every_document)
    app.connect("build-finished", _finish_site, priority=PRIORITY.finish_site)
