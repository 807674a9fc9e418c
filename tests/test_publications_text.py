"""The pieces of an entry, tested without a build: LaTeX text, names, BibTeX re-serialised, filters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import Parser

from sphinx_academic_homepage.publications.bibtex import serialise
from sphinx_academic_homepage.publications.filters import FilterError, parse_filter
from sphinx_academic_homepage.publications.latex import parse_latex, plain_text
from sphinx_academic_homepage.publications.names import author, owner_keys

# -- LaTeX -> text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("{KAN}: {Kolmogorov-Arnold} Networks", "KAN: Kolmogorov-Arnold Networks"),
        (r"Solja{\v{c}}i{\'c}", "Soljačić"),
        (r'Schr\"odinger equation', "Schrödinger equation"),
        (r"Ben{\'\i}tez-Llambay", "Benítez-Llambay"),
        (r"L{\"o}we", "Löwe"),
        (r"Gon\c{c}alves", "Gonçalves"),
        (r"\ss{} x and \o{}rsted", "ß x and ørsted"),
        ("{{Lagos}}", "Lagos"),
        (r"\& 100\% \$5 a\_b", "& 100% $5 a_b"),
        ("pages 1--10 --- done", "pages 1–10 — done"),
        ("``quoted''", "“quoted”"),
        (r"\mkbibquote{Quoted} text", "Quoted text"),
        (r"\textdagger{} corresponding", "† corresponding"),
        ("dollar $ alone", "dollar $ alone"),
        # An unescaped % is a LaTeX comment, but in a BibTeX value it is text.
        ("100% accurate -- really", "100% accurate – really"),
        (r"a \% b -- c", "a % b – c"),
    ],
)
def test_latex_decodes_to_unicode_and_keeps_capitals(latex, text):
    assert plain_text(parse_latex(latex)) == text


def test_math_is_kept_apart_from_text():
    assert parse_latex(r"The $z \sim 3.8$ universe") == ("The ", ("math", r"z \sim 3.8"), " universe")
    assert parse_latex(r"a \(x^2\) b") == ("a ", ("math", "x^2"), " b")
    # Accents inside math are not decoded as text.
    assert parse_latex(r"$\hat{x}$") == (("math", r"\hat{x}"),)


def test_formatting_commands_become_runs():
    assert parse_latex(r"\textit{x} and \emph{y} {\em old} \textbf{b} \textsc{Sc}") == (
        ("em", ("x",)),
        " and ",
        ("em", ("y",)),
        " ",
        ("em", ("old",)),
        " ",
        ("strong", ("b",)),
        " ",
        ("smallcaps", ("Sc",)),
    )


def test_links_keep_their_url_verbatim():
    assert parse_latex(r"See \url{https://x.org/a_b--c}") == (
        "See ",
        ("link", "https://x.org/a_b--c", ("https://x.org/a_b--c",)),
    )
    assert parse_latex(r"\href{https://a.b}{the \textit{site}}") == (
        ("link", "https://a.b", ("the ", ("em", ("site",)))),
    )


_PIECES = st.sampled_from([*"ab {}\\$^_'\"~-`vc", "\\v", "\\'", "\\textit", "$x$", "\\url", "\\("])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_field_value_parses_without_error(value):
    rich = parse_latex(value)
    assert isinstance(plain_text(rich), str)


# -- names ------------------------------------------------------------------------------------------

OWNER = owner_keys(["Ziming Liu"])


@pytest.mark.parametrize(
    ("written", "shown", "marks"),
    [
        ("Liu, Ziming", "Ziming Liu", ""),
        ("Ziming Liu", "Ziming Liu", ""),
        ("Z. Liu", "Z. Liu", ""),
        ("Liu, Z.", "Z. Liu", ""),
        ("Liu*, Ziming", "Ziming Liu", "*"),
        ("Liu, Ziming*†", "Ziming Liu", "*†"),
        ("Liu$^\\dagger$, Ziming", "Ziming Liu", "†"),
        ("Liu\\textsuperscript{‡}, Ziming", "Ziming Liu", "‡"),
    ],
)
def test_owner_is_recognised_in_any_form_and_marks_split_off(written, shown, marks):
    person = author(Person(written), OWNER)
    assert (person.name, person.marks, person.is_owner) == (shown, marks, True)


@pytest.mark.parametrize("written", ["Liu, Tie-Yan", "Liu, Zhiyuan", "Ziming Li", "Liu, Shengchao", "Y. Liu"])
def test_other_people_named_liu_are_not_the_owner(written):
    assert author(Person(written), OWNER).is_owner is False


def test_owner_configured_with_an_accent_or_initial_still_matches():
    assert author(Person("Solja{\\v{c}}i{\\'c}, Marin"), owner_keys(["Marin Soljacic"])).is_owner
    assert author(Person("Marin Soljačić"), owner_keys(["M. Soljacic"])).is_owner


def test_others_is_shown_as_et_al():
    assert author(Person("others"), OWNER).name == "et al."


# -- BibTeX re-serialised ---------------------------------------------------------------------------


def _parse(text: str) -> Entry:
    data = Parser().parse_string(text)
    (entry,) = data.entries.values()
    return entry


def test_bibtex_drops_display_fields_and_keeps_the_rest():
    entry = _parse(
        r"""@article{k,
          title = {{KAN}: Networks},
          pdf = {https://x/p.pdf}, selected = {true}, preview = {k.png}, abbr = {X},
          abstract = {Multi
            line abstract},
          journal = {J}, author = {Liu, Ziming and Solja{\v{c}}i{\'c}, Marin}, year = 2024,
          keywords = {ai-for-science}, eprint = {2404.19756}, archiveprefix = {arXiv}, arxiv = {2404.19756},
        }"""
    )
    assert serialise(entry, "k") == "\n".join(
        [
            "@article{k,",
            "  title         = {{KAN}: Networks},",
            r"  author        = {Liu, Ziming and Solja{\v{c}}i{\'c}, Marin},",
            "  journal       = {J},",
            "  year          = {2024},",
            "  eprint        = {2404.19756},",
            "  archiveprefix = {arXiv},",
            "}",
        ]
    )


def test_bibtex_round_trips_through_pybtex():
    original = _parse(
        r"""@inproceedings{x, title = "Quoted {Title} with {\"o}", author = {A, B and C, D},
        editor = {E, F}, booktitle = {Proc}, year = {2020}, month = jan, note = {50\% off}}"""
    )
    again = _parse(serialise(original, "x", hidden_fields=()))
    assert again.fields == original.fields
    assert again.persons == original.persons


# -- filters ----------------------------------------------------------------------------------------

FIELDS = {"keywords": "science-of-ai, ai-for-science", "type": "article", "year": "2023", "journal": "Phys. Rev. Lett.", "selected": "true"}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("keywords=science-of-ai", True),
        ("keywords=Science-Of-AI", True),
        ("keywords=science", False),
        ("keywords=science-for-ai|ai-for-science", True),
        ("keywords!=science-for-ai", True),
        ("type=article year>=2023", True),
        ("type=article year>2023", False),
        ("year<2024", True),
        ('journal="Phys. Rev. Lett."', True),
        ("journal~=rev", True),
        ("selected", True),
        ("abstract", False),
        ("abstract!=x", True),
    ],
)
def test_filter_conditions(expression, expected):
    assert parse_filter(expression)(FIELDS) is expected


@pytest.mark.parametrize("expression", ["", "year>=recent", "keywords=", "=x", 'journal="unclosed', "2024"])
def test_filter_errors_say_what_is_wrong(expression):
    with pytest.raises(FilterError):
        parse_filter(expression)


@given(st.text(alphabet=st.characters(blacklist_characters="\\{}$~-`'\"", blacklist_categories=("Cs",)), max_size=60))
def test_text_without_latex_comes_back_unchanged(value):
    assert plain_text(parse_latex(value)) == value
