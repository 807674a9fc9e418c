"""The research page: five directions, each in the seed's own words, with the Quanta article the seed gives
for it and its related papers; a grid of cards on top to see them at a glance and jump to each."""

from __future__ import annotations

import codecs
import re

import pytest
from pybtex.database import parse_file
import latexcodec  # noqa: F401 - registers the "ulatex" codec

from conftest import PROJECT_ROOT
from test_site import _normalise

DIRECTIONS = ["Physics of AI", "AI for AI", "Science of AI", "Science for AI", "AI for Science"]
# The keyword each long-term direction's papers carry in papers.bib.
KEYWORDS = {"Science of AI": "science-of-ai", "Science for AI": "science-for-ai", "AI for Science": "ai-for-science"}


def _seed_lines() -> list[str]:
    body = (PROJECT_ROOT / "index.md").read_text(encoding="utf-8").split("---", 2)[2]
    return re.sub(r"<!--.*?-->", "", body, flags=re.S).splitlines()


def seed_descriptions() -> dict[str, str]:
    """What the seed says of each direction: '* **"Physics of AI"** -- ...' and '* Science of AI: ...'."""
    found = {}
    for line in _seed_lines():
        now = re.match(r'\s*\*\s+\*\*"(?P<name>[^"]+)"\*\*\s+--\s+(?P<text>.+)', line)
        later = re.match(r"\s*\*\s+(?P<name>[A-Za-z ]+?):\s+(?P<text>.+)", line)
        match = now or later
        if match and match["name"] in DIRECTIONS:
            found[match["name"]] = _normalise(match["text"])
    return found


def seed_quanta() -> dict[str, tuple[str, str]]:
    """The seed's Quanta articles: '* Science of AI (Grokking): [title](url)' -> {direction: (title, url)}."""
    found = {}
    for line in _seed_lines():
        match = re.match(r"\s*\*\s+(?P<name>[A-Za-z ]+?) \([^)]*\):\s+\[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)", line)
        if match:
            found[match["name"]] = (match["title"], match["url"])
    return found


def _sections(site) -> dict[str, object]:
    article = site.page("research/index.html").select_one("article")
    return {section.find("h2").get_text(strip=True).rstrip("#"): section for section in article.select("section > section")
            if section.find("h2", recursive=False)}


def test_seed_lists_five_directions_and_three_articles():
    # Guards the parsing below: the seed describes every direction and gives three articles.
    assert sorted(seed_descriptions()) == sorted(DIRECTIONS)
    assert sorted(seed_quanta()) == sorted(KEYWORDS)


def test_five_directions_in_order(site):
    assert list(_sections(site)) == DIRECTIONS


def test_cards_show_every_direction_and_jump_to_it(site):
    page = site.page("research/index.html")
    cards = page.select("article .sd-card")
    assert [card.select_one(".sd-card-title").get_text(strip=True) for card in cards] == DIRECTIONS
    for card, direction in zip(cards, DIRECTIONS, strict=True):
        link = card.select_one("a.sd-stretched-link")
        assert link.get_text(strip=True) == direction  # the link's accessible name
        target = page.find(id=link["href"].removeprefix("#"))
        assert target.name == "section" and target.find("h2").get_text(strip=True).rstrip("#") == direction
        assert card.select_one(".sd-card-text").get_text(strip=True)


def test_each_direction_in_the_seeds_words(site):
    sections = _sections(site)
    for direction, words in seed_descriptions().items():
        text = _normalise(sections[direction].get_text(" "))
        # The seed's bullet starts lower-case after its label; the section starts a sentence.
        assert words[0].upper() + words[1:] in text or words in text, direction
    agi = _normalise(sections["AI for AI"].get_text(" "))
    assert "key ingredients of a safe and efficient AGI, which naturally supports curiosity-driven continual learning" in agi


def test_each_article_under_its_direction(site):
    sections = _sections(site)
    for direction, (title, url) in seed_quanta().items():
        links = sections[direction].select("a.reference.external")
        assert [(a.get_text(strip=True), a["href"]) for a in links if "quantamagazine" in a["href"]] == [
            (title, url)
        ]
    # The seed gives no article for the two current directions.
    for direction in ("Physics of AI", "AI for AI"):
        assert sections[direction].select("a.reference.external") == []


def test_related_papers_per_direction(site):
    sections = _sections(site)
    for direction in KEYWORDS:
        headings = [h.get_text(strip=True).rstrip("#") for h in sections[direction].find_all("h3")]
        assert headings == ["Related papers"]
    bib = parse_file(str(PROJECT_ROOT / "papers" / "papers.bib"))
    tagged = {keyword: [entry for entry in bib.entries.values() if keyword in entry.fields.get("keywords", "")]
              for keyword in KEYWORDS.values()}
    words = lambda text: " ".join(re.findall(r"\w+", text.lower()))  # noqa: E731 - punctuation and case aside
    for direction, keyword in KEYWORDS.items():
        assert tagged[keyword], f"no paper tagged {keyword}"
        listed = sections[direction].select(".citation, .homepage-pub")
        assert len(listed) == len(tagged[keyword]), direction
        text = words(sections[direction].get_text(" "))
        for entry in tagged[keyword]:
            title = codecs.decode(entry.fields["title"], "ulatex").replace("{", "").replace("}", "")
            assert words(title)[:40] in text, (direction, entry.key)
