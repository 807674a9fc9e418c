"""What search engines read besides the pages: robots.txt, a stable sitemap, GitHub Pages' .nojekyll.

sphinx-sitemap writes ``sitemap.xml``; its page order is the order pages were
written, which varies with ``-j``. It is sorted here so that two builds of the
same sources give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sphinx.application import Sphinx

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def site_url(app: Sphinx) -> str:
    """The site's absolute base URL ending in "/", or "" when none is configured."""
    url = getattr(app.config, "site_url", None) or app.config.html_baseurl or ""
    return url.rstrip("/") + "/" if url else ""


def sort_sitemap(path: Path) -> None:
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ElementTree.parse(path)
    root = tree.getroot()
    entries = sorted(root, key=lambda url: url.findtext(f"{{{SITEMAP_NAMESPACE}}}loc") or "")
    root[:] = entries
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def write_robots_txt(outdir: Path, base_url: str, sitemap_name: str) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}{sitemap_name}")
    (outdir / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _finish_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # GitHub Pages would otherwise run Jekyll, which hides _static/ and _images/.
    (outdir / ".nojekyll").touch()
    sitemap_name = getattr(app.config, "sitemap_filename", "sitemap.xml")
    sitemap = outdir / sitemap_name
    if sitemap.exists():
        sort_sitemap(sitemap)
    write_robots_txt(outdir, site_url(app), sitemap_name)


def setup_seo(app: Sphinx) -> None:
    # After sphinx-sitemap's own build-finished handler (priority 500) has written the file.
    app.connect("build-finished", _finish_site, priority=600)
