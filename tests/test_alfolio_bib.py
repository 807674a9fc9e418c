"""Bibliographies as real al-folio sites have them: DBLP's accents on a braced dotless i (``{\\'{\\i}}``), and
names separated by commas where BibTeX wants "and", which BibTeX reads as one "Last, Jr, First" name."""

from __future__ import annotations

import pytest

from buildutil import ROOTS, build

from sphinx_academic_homepage.publications.latex import parse_latex, plain_text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(ROOTS / "test-alfolio-bib", tmp_path_factory.mktemp("alfolio-bib"), confoverrides={"nitpicky": True})


def test_names_separated_by_commas_warn_at_the_entry_and_real_suffixes_do_not(site):
    assert site.warnings == [
        "papers.bib:9: WARNING: commas: author 'Ada Lovelace, Charles Babbage, Mary Somerville' reads as one name, "
        "'Last, Jr, First'; separate names with 'and', not commas [homepage.bibtex]"
    ]


def test_dblp_accents_are_letters(site):
    article = site.page("index.html").select_one("article")
    for bibtex in article.select("pre"):
        bibtex.decompose()  # the BibTeX block shows the entry as written
    text = article.get_text(" ", strip=True)
    for name in ("Jiří Matas", "Ondřej Chum", "Naïve Tester", "Ạda Lĵovelace", "Engines of Étude"):
        assert name in text
    assert "\\" not in text


@pytest.mark.parametrize(
    ("latex", "letters"),
    [
        (r"{\'{\i}}", "í"),
        (r"{\"{\i}}", "ï"),
        (r"{\^{\i}}", "î"),
        (r"{\={\i}}", "ī"),
        (r"\'{\i}", "í"),
        (r"{\'\i}", "í"),
        (r"{\v{\j}}", "ǰ"),
        (r"{\d{a}}", "ạ"),
        (r"{\b{o}}", "o̱"),
        (r"{\t{oo}}", "o͡o"),
        (r"{\v{s}}", "š"),
        (r"{\c{c}}", "ç"),
        (r"{\k{a}}", "ą"),
        (r"{\H{o}}", "ő"),
        (r"{\r{a}}", "å"),
        (r"{\u{g}}", "ğ"),
        (r"{\.{I}}", "İ"),
        (r"{\~{n}}", "ñ"),
    ],
)
def test_every_accent_form_decodes_to_its_letter(latex, letters):
    assert plain_text(parse_latex(latex)) == letters
