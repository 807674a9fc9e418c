"""The owner's publications on the real site: papers page, selected list, highlighting, research keywords."""

from __future__ import annotations

from pybtex.database import parse_file

from conftest import PROJECT_ROOT

SELECTED = [  # his selected={true} entries, in his file's order
    "liu2024kan",
    "liu2023seeing",
    "wang2023yuanqi",
    "zhong2023the",
    "liu2023omnigrok",
    "xu2022poisson",
    "PhysRevLett.128.180201",
    "PhysRevLett.126.180604",
]
DIRECTIONS = {"science-of-ai", "science-for-ai", "ai-for-science"}


def _bibliography():
    return parse_file(str(PROJECT_ROOT / "papers" / "papers.bib"))


def test_papers_page_lists_all_32_entries_by_year_newest_first(site):
    soup = site.page("papers/index.html")
    items = soup.select("li.homepage-pub")
    assert len(items) == 32
    headings = [heading.get_text() for heading in soup.select("h2.homepage-pubs__heading")]
    assert headings == ["2024", "2023", "2022", "2021", "2020", "2019"]
    years = [int(item.find_previous("h2", class_="homepage-pubs__heading").get_text()) for item in items]
    assert years == sorted(years, reverse=True)
    data = _bibliography()
    assert {item["id"] for item in items} == set(data.entries.keys())


def test_the_owner_is_highlighted_in_every_entry(site):
    items = site.page("papers/index.html").select("li.homepage-pub")
    assert [item["id"] for item in items if len(item.select(".homepage-pub__me")) != 1] == []
    assert {me.get_text() for item in items for me in item.select(".homepage-pub__me")} == {"Ziming Liu"}


def test_home_page_shows_the_eight_selected_after_the_bio(site):
    soup = site.page("index.html")
    block = soup.select_one("div.homepage-selected-papers")
    assert [item["id"] for item in block.select("li.homepage-pub")] == SELECTED
    heading = block.find("h2")
    assert heading.get_text(strip=True) == "selected publications" and heading.a["href"] == "papers/index.html"
    last_bio_paragraph = soup.find(string=lambda text: text and "Novel Architecture Makes Neural Networks" in text)
    assert last_bio_paragraph.find_next("div", class_="homepage-selected-papers") is block


def test_corrections_of_his_file(site):
    soup = site.page("papers/index.html")
    kan = soup.select_one('li[id="liu2024kan"]')
    assert kan.select_one(".homepage-pub__title").get_text() == "KAN: Kolmogorov-Arnold Networks"
    assert [(a.get_text(), a["href"]) for a in kan.select("a.homepage-pub__button")] == [
        ("arXiv", "https://arxiv.org/abs/2404.19756")
    ]
    review = soup.select_one('li[id="wang2023yuanqi"]')
    names = review.select_one(".homepage-pub__authors").get_text().strip()
    assert names.startswith("Hanchen Wang, Tianfan Fu, Yuanqi Du, Wenhao Gao, Kexin Huang, Ziming Liu, ")
    assert names.endswith("Petar Veličković, Max Welling, Linfeng Zhang, Connor W. Coley, Yoshua Bengio, and Marinka Zitnik")
    assert len(_bibliography().entries["wang2023yuanqi"].persons["author"]) == 30
    assert review.select_one(".homepage-pub__venue").get_text() == "Nature, 2023"
    assert ("DOI", "https://doi.org/10.1038/s41586-023-06221-2") in [
        (a.get_text(), a["href"]) for a in review.select("a.homepage-pub__button")
    ]
    # No arXiv identifier is left in a journal field.
    assert [key for key, entry in _bibliography().entries.items() if "arxiv:" in entry.fields.get("journal", "").lower()] == []


def test_every_entry_names_its_research_directions():
    for key, entry in _bibliography().entries.items():
        directions = {word.strip() for word in entry.fields.get("keywords", "").split(",")}
        assert directions and directions <= DIRECTIONS, key


def test_shown_bibtex_has_no_display_fields(site):
    for pre in site.page("papers/index.html").select("details.homepage-pub__bibtex pre"):
        text = pre.get_text()
        for field in ("preview", "selected", "pdf", "keywords", "arxiv"):
            assert f"  {field} " not in text
