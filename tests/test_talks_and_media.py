"""The owner's talks and media coverage, as his al-folio site lists them: each recording and article linked,
newest first, at his site's addresses (``/talk/``, ``/media/``)."""

from __future__ import annotations

from urllib.parse import urlsplit


def _items(site, name: str) -> list:
    return site.page(name).select("article li")


def test_each_recorded_talk_links_its_videos(site):
    talks = _items(site, "talk/index.html")
    assert [talk.strong.get_text() for talk in talks] == [
        "KAN: Kolmogorov-Arnold Networks",
        "GenPhys: From Physical Processes to Generative Models",
        "Brain-inspired modular training and Growing Brains",
    ]
    videos = [[(a.get_text(), a["href"]) for a in talk.select("a")] for talk in talks]
    assert [len(links) for links in videos] == [1, 2, 2]
    for links in videos:
        for text, href in links:
            assert urlsplit(href).netloc == "www.youtube.com" and text and text != "video"


def test_media_coverage_lists_eight_pieces_newest_first_each_linked(site):
    pieces = _items(site, "media/index.html")
    years = [int(piece.get_text(strip=True)[:4]) for piece in pieces]
    assert len(pieces) == 8 and years == sorted(years, reverse=True) and (years[-1], years[0]) == (2022, 2024)
    outlets = {piece.get_text(strip=True).split(":")[0].split(", ", 1)[1] for piece in pieces}
    assert {"Quanta Magazine", "MIT News", "Nature Reviews Physics", "New Scientist", "Scientific American"} <= outlets
    for piece in pieces:
        (link,) = piece.select("a")
        assert urlsplit(link["href"]).scheme == "https" and link.get_text(strip=True)


def test_pages_are_titled_by_their_front_matter_as_on_his_site(site):
    for name, title in (("talk/index.html", "talk"), ("media/index.html", "media coverage")):
        page = site.page(name)
        assert page.select_one("article h1").get_text(strip=True).rstrip("#") == title
        assert page.title.get_text().startswith(f"{title} ")
        assert page.select_one("p.homepage-page-description").get_text()
