"""Found and shared: sitemap, robots.txt, canonical and Open Graph tags, a 404 page, GitHub Pages."""

from __future__ import annotations

import runpy
from urllib.parse import urlsplit
from xml.etree import ElementTree

from conftest import PROJECT_ROOT

BASE_URL = runpy.run_path(str(PROJECT_ROOT / "conf.py"))["html_baseurl"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _pages(site) -> set[str]:
    return {
        str(path.relative_to(site.outdir))
        for path in site.outdir.rglob("*.html")
        if "_static" not in path.parts and path.name not in {"search.html", "404.html"}
    }


def test_sitemap_lists_every_page_in_order(site):
    root = ElementTree.parse(site.outdir / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert locations == sorted(locations)
    assert {loc.removeprefix(BASE_URL) for loc in locations} == _pages(site)
    assert f"{BASE_URL}index.html" in locations


def test_robots_txt_points_to_the_sitemap(site):
    lines = (site.outdir / "robots.txt").read_text().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines


def test_every_page_has_a_canonical_url_and_open_graph_tags(site):
    for page in sorted(_pages(site)):
        soup = site.page(page)
        assert soup.find("link", rel="canonical")["href"] == BASE_URL + page, page
        og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
        assert og["og:url"] == BASE_URL + page
        assert og["og:site_name"] == "Ziming Liu"
        assert og["og:image"].startswith(BASE_URL) and og["og:image"].endswith((".png", ".webp", ".jpg"))
        assert og["og:description"].strip(), page
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_404_page_works_at_any_depth(site):
    soup = site.page("404.html")
    prefix = urlsplit(BASE_URL).path
    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith(prefix) for href in stylesheets)
    assert "Page not found" in soup.get_text()


def test_github_pages_serves_underscore_folders(site):
    assert (site.outdir / ".nojekyll").is_file()
