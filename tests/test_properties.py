"""Property tests: the parsers and normalisers the extension owns never raise, whatever they are given.

Each also checks a property that must hold of its output: a front matter block written by a YAML dumper
reads back as the same values with every key's line; a URL called safe has a safe scheme; a social link
always has a name and a safe URL; every external link of a page gets rel=noopener (the sanitiser's own
properties are in test_sanitiser.py).
"""

from __future__ import annotations

import datetime
import logging
from html.parser import HTMLParser

import pybtex.errors
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from hypothesis import strategies as st

from sphinx_academic_homepage.cv import load_cv
from sphinx_academic_homepage.frontmatter import parse_front_matter
from sphinx_academic_homepage.navigation import parse_entry
from sphinx_academic_homepage.news import parse_news_date
from sphinx_academic_homepage.safehtml import add_noopener, is_dangerous_url
from sphinx_academic_homepage.social import PLATFORMS, read_social_setting
from sphinx_academic_homepage.urls import SAFE_SCHEMES, is_external_url, is_safe_url, url_scheme

from sphinx_academic_homepage.publications.bibtex import DISPLAY_FIELDS, serialise
from sphinx_academic_homepage.publications.names import _fold, author, owner_keys

# Warnings of bad input go to Sphinx's logger, which has no handler outside a build: quiet them here.
logging.getLogger("sphinx").setLevel(logging.CRITICAL)

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- Front matter -----------------------------------------------------------------------------------------

# Text without control characters and line separators: PyYAML writes U+0085 raw and reads it back as a space.
yaml_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    yaml_text,
    st.dates(),
)
yaml_keys = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="_-"), min_size=1, max_size=12)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(yaml_keys, children, max_size=3),
    max_leaves=8,
)
front_matter_values = st.dictionaries(yaml_keys, yaml_values, max_size=6)


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_any_text_after_the_opening_line_parses_or_warns(body):
    front = parse_front_matter("page", "---\n" + body + "\n---\n\nBody.\n")
    assert front is None or isinstance(front.values, dict)


@PROPERTY_SETTINGS
@given(st.text(alphabet="-:[]{}!&*|>'\"#\t\n %@`,?abc12", max_size=120))
def test_yaml_punctuation_parses_or_warns(body):
    front = parse_front_matter("page", f"---\n{body}\n---\n")
    assert front is None or isinstance(front.values, dict)
    if front is not None:
        for key in front.lines:
            front.location(key)
            front.get(key)
            front.flag(key)


@PROPERTY_SETTINGS
@given(front_matter_values, st.sampled_from(["\n", "\r\n"]))
def test_a_dumped_mapping_reads_back_with_every_keys_line(values, newline):
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, default_flow_style=False)
    source = "---\n" + text + "---\n\n# Title\n"
    front = parse_front_matter("page", source.replace("\n", newline))
    assert front is not None and front.valid
    assert front.values == values
    lines = ("---\n" + text).split("\n")
    for key in values:
        line = front.lines[key]
        written = yaml.safe_dump({key: None}, allow_unicode=True).rpartition(":")[0]
        assert lines[line - 1].startswith(written + ":"), (key, line, lines)


@PROPERTY_SETTINGS
@given(front_matter_values, st.lists(yaml_keys, min_size=1, max_size=4))
def test_lookups_of_any_dotted_key_never_raise(values, parts):
    front = parse_front_matter("page", "---\n" + yaml.safe_dump(values) + "---\n")
    dotted = ".".join(parts)
    assert front.has(dotted) == (front.get(dotted, front) is not front)
    docname, line = front.location(dotted)
    assert docname == "page" and isinstance(line, int) and line >= 1
    assert isinstance(front.flag(dotted, default=True), bool)
    front.warn_unknown_keys(parts[0], ["align", "image"])


@PROPERTY_SETTINGS
@given(st.one_of(yaml_values, st.datetimes(), st.text(max_size=40)))
def test_news_dates_parse_or_are_refused(value):
    parsed = parse_news_date(value)
    assert parsed is None or isinstance(parsed, datetime.datetime)


@PROPERTY_SETTINGS
@given(st.text(max_size=80))
def test_navigation_entries_always_name_a_document(entry):
    parsed = parse_entry(entry)
    assert parsed.docname == parsed.docname.strip()
    assert parsed.label is None or parsed.label == parsed.label.strip()


@PROPERTY_SETTINGS
@given(st.one_of(st.text(max_size=200), yaml_values.map(lambda value: yaml.safe_dump(value))))
def test_any_cv_file_loads_or_warns(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("cv") / "cv.yaml"
    path.write_text(text, encoding="utf-8")
    sections = load_cv(path, "cv.yaml")
    for section in sections:
        assert isinstance(section["title"], str) and section["title"].strip()
        assert isinstance(section["contents"], list)


# -- URLs ---------------------------------------------------------------------------------------------------

url_like = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda scheme, noise, rest: f"{noise}{scheme}{noise}:{rest}",
        st.sampled_from(["javascript", "JavaScript", "vbscript", "data", "http", "https", "mailto", "tel", "file"]),
        st.text(alphabet="\x00\t\n\r \x7f", max_size=2),
        st.text(max_size=30),
    ),
)


@PROPERTY_SETTINGS
@given(url_like)
def test_url_checks_never_raise_and_agree(url):
    scheme = url_scheme(url)
    assert scheme == scheme.lower()
    if is_safe_url(url):
        assert scheme in SAFE_SCHEMES or scheme == ""
        assert not is_dangerous_url(url)
    if is_external_url(url):
        assert is_safe_url(url)


@PROPERTY_SETTINGS
@given(st.text(alphabet="\x00\x01\t\n\r \x7f", max_size=3), st.sampled_from(["javascript", "vbscript", "data"]))
def test_executable_schemes_are_never_safe_however_hidden(noise, scheme):
    for position in range(len(scheme) + 1):
        url = scheme[:position] + noise + scheme[position:] + ":alert(1)"
        assert not is_safe_url(url) and is_dangerous_url(url)


# -- Social entries ------------------------------------------------------------------------------------------

social_keys = st.one_of(st.sampled_from(sorted(PLATFORMS)), yaml_keys)
social_values = st.one_of(
    yaml_scalars,
    url_like,
    st.fixed_dictionaries(
        {},
        optional={
            "url": url_like,
            "value": st.one_of(yaml_scalars, url_like),
            "title": st.one_of(yaml_scalars, st.text(max_size=20)),
            "icon": st.one_of(yaml_scalars, st.sampled_from(["github", "fa-brands fa-x-twitter", "x.png", "https://a/b.png"])),
            "me": yaml_scalars,
            "organization": st.text(max_size=10),
            "username": st.text(max_size=10),
        },
    ),
)


@PROPERTY_SETTINGS
@given(st.one_of(st.dictionaries(social_keys, social_values, max_size=6), yaml_values))
def test_any_social_setting_gives_named_links_with_safe_urls(setting):
    for link in read_social_setting(setting):
        assert isinstance(link.title, str) and link.title.strip()
        # al-folio's own patterns may use an app's scheme (weixin://); a user's value never brings one that runs.
        assert not is_dangerous_url(link.url), link
        assert is_safe_url(link.url) or link.key == "wechat_username", link
        assert isinstance(link.rel_me, bool)


# -- HTML ----------------------------------------------------------------------------------------------------

html_fragments = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                "<p>", "</p>", "<a href='https://a.org'>", "<a href=\"javascript:x()\">", "</a>", "<script>",
                "</script>", "<iframe src=x>", "</iframe>", "<img src=x onerror=y()>", "<b>", "</b>", "text",
                "&amp;", "&", "<", ">", "'", '"', "<!-- c -->", "<br/>", "<svg><a xlink:href='data:x'>", "</svg>",
                "<object>", "</object>", "<meta http-equiv=refresh>", "<p onclick=z()>", "\n",
            ]
        ),
        max_size=25,
    ).map("".join),
)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def _tags(html: str):
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser.tags


@PROPERTY_SETTINGS
@given(html_fragments)
def test_noopener_on_every_external_link(fragment):
    result = add_noopener(fragment)
    for tag, attrs in _tags(result):
        values = dict(attrs)
        if tag == "a" and values.get("href") and values["href"].strip().lower().startswith(("http:", "https:")):
            assert "noopener" in (values.get("rel") or "").split()
    assert add_noopener(result) == result


# -- Publications: author names and the BibTeX shown for copying -------------------------------------------

# A capital first: BibTeX reads a word that starts in lower case as a particle ("von", "de").
name_words = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÖÜŁŠŽÇ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóöüłšžçñ", min_size=1, max_size=9),
)


@PROPERTY_SETTINGS
@given(name_words, name_words, name_words, st.sampled_from(["*", "†", "$^*$", "$^{\\dagger}$", ""]))
def test_the_owner_is_recognised_in_every_way_a_bib_writes_the_name(first, last, other, mark):
    owners = owner_keys([f"{first} {last}"])
    for written in (f"{last}, {first}", f"{first} {last}", f"{first[0]}. {last}", f"{last}{mark}, {first}",
                    f"{first} {last}{mark}", f"{last}, {first[0]}."):
        shown = author(Person(written), owners)
        assert shown.is_owner, written
        assert shown.name.replace(".", "").split()[-1] == last, (written, shown)
    if _fold(other) != _fold(last):
        assert not author(Person(f"{other}, {first}"), owners).is_owner


@PROPERTY_SETTINGS
@given(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3))
def test_any_name_pybtex_accepts_can_be_shown(text, owners):
    try:
        with pybtex.errors.capture():
            person = Person(text)
    except PybtexError:
        return
    shown = author(person, owner_keys(owners))
    assert isinstance(shown.name, str) and isinstance(shown.marks, str)


balanced = st.recursive(
    st.text(alphabet=st.characters(exclude_characters="{}", exclude_categories=("Cc", "Cs")), max_size=15),
    lambda inner: st.builds(lambda a, b, c: f"{a}{{{b}}}{c}", inner, inner, inner),
    max_leaves=4,
).map(lambda value: " ".join(value.split()))
field_names = st.sampled_from(["title", "journal", "year", "volume", "note", "doi", "url", "publisher", "abstract", "pdf", "selected"])
bib_keys = st.from_regex(r"[a-z][a-z0-9:_.-]{0,15}", fullmatch=True)
person_names = st.builds(lambda last, first: f"{last}, {first}", name_words, name_words)


@PROPERTY_SETTINGS
@given(
    st.sampled_from(["article", "inproceedings", "misc", "phdthesis", "book"]),
    bib_keys,
    st.dictionaries(field_names, balanced, min_size=1, max_size=6),
    st.lists(person_names, max_size=4),
)
def test_the_bibtex_shown_reads_back_as_the_same_entry(entry_type, key, fields, authors):
    entry = Entry(entry_type, fields=fields, persons={"author": [Person(name) for name in authors]} if authors else {})
    text = serialise(entry, key)
    parser = Parser()
    with pybtex.errors.capture():
        data = parser.parse_string(text)
    assert list(data.entries) == [key]
    again = data.entries[key]
    assert again.original_type == entry_type
    expected = {name: value for name, value in fields.items() if name not in DISPLAY_FIELDS}
    assert {name.lower(): value for name, value in again.fields.items()} == expected
    assert [str(person) for person in again.persons.get("author", [])] == [str(Person(name)) for name in authors]
    # Written twice, it is the same text: what a visitor copies does not drift.
    assert serialise(again, key) == text
