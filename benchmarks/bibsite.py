"""Generate an academic-shaped Sphinx site with N publications, in two versions with the same pages.

- ``ours``: the homepage extension: ``{publications}`` lists, ``selected_papers: true`` on the home page.
- ``bare``: sphinxcontrib-bibtex alone: ``{bibliography}`` directives, each with its own ``:keyprefix:``
  and ``:labelprefix:`` (needed to list one entry in several places without duplicate warnings).

Pages: a home page with the selected papers, a papers page with every entry, five theme pages with a
filtered list each, an "about" page without publications, and a page that only cites. The entries are
made up (seeded random, the same every run), shaped like real ones: 2-12 authors with LaTeX accents, the
owner on most, venues, DOIs, arXiv ids, abstracts on a third, keywords for the themes, ten selected.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

THEMES = [f"theme{number}" for number in range(1, 6)]
OWNER = ("Liu", "Ziming")
_FIRST = ["Anna", "Wei", "Maria", "John", "Yuki", "Ana", "Lars", "Priya", "Omar", "Chen", "Sofia", "Pierre"]
_LAST = ["M{\\\"u}ller", "Zhang", "Garc{\\'\\i}a", "Smith", "Tanaka", "Solja{\\v{c}}i{\\'c}", "Nielsen", "Patel", "Haddad", "Wang", "Rossi", "Dubois"]
_WORDS = (
    "learning neural networks scaling laws grokking representation physics inspired generative models "
    "symmetry conservation dynamics interpretable sparse efficient theory emergence quantum sampling flow "
    "diffusion optimization robust discovery equations modular training"
).split()
_VENUES = {
    "inproceedings": ["Advances in Neural Information Processing Systems", "International Conference on Machine Learning", "International Conference on Learning Representations"],
    "article": ["Physical Review Letters", "Physical Review E", "Nature", "Entropy", "Journal of Machine Learning Research"],
}

CONF_COMMON = """
extensions = {extensions!r}
exclude_patterns = ["_build"]
bibtex_bibfiles = ["papers.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"
html_theme = "pydata_sphinx_theme"
html_context = {{"default_mode": "auto"}}
html_theme_options = {{"secondary_sidebar_items": []}}
html_sidebars = {{"**": []}}
"""


def _entry(rng: random.Random, number: int, selected: bool) -> str:
    kind = rng.choices(["inproceedings", "article", "misc"], weights=[55, 35, 10])[0]
    year = rng.randint(2000, 2024)
    key = f"paper{number:05d}"
    authors = [f"{rng.choice(_LAST)}, {rng.choice(_FIRST)}" for _ in range(rng.randint(2, 12))]
    if rng.random() < 0.7:
        authors.insert(rng.randrange(len(authors)), ", ".join(OWNER))
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 14))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.05:
        words.insert(3, "$O(n^2)$")
    fields = [("title", " ".join(words)), ("author", " and ".join(authors))]
    if kind == "misc":
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 99999):05d}"
        fields += [("howpublished", "arXiv preprint"), ("eprint", arxiv), ("archiveprefix", "arXiv"), ("arxiv", arxiv)]
    else:
        venue = rng.choice(_VENUES[kind])
        fields.append(("journal" if kind == "article" else "booktitle", venue))
        fields += [("pages", f"{rng.randint(1, 900)}--{rng.randint(901, 2000)}")]
        fields.append(("doi", f"10.{rng.randint(1000, 9999)}/bench.{number}"))
    fields.append(("year", str(year)))
    fields.append(("pdf", f"https://example.org/papers/{key}.pdf"))
    if rng.random() < 0.33:
        fields.append(("abstract", " ".join(rng.choice(_WORDS) for _ in range(90)) + "."))
    fields.append(("keywords", ", ".join(sorted(rng.sample(THEMES, rng.randint(1, 2))))))
    if selected:
        fields.append(("selected", "true"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body},\n}}\n"


def bibliography(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    chosen = set(rng.sample(range(size), min(10, size)))
    return "\n".join(_entry(rng, number, number in chosen) for number in range(size))


def _page(title: str, body: str = "", front: str = "") -> str:
    text = f"# {title}\n\n{textwrap.dedent(body).strip()}\n"
    return f"---\n{front}---\n\n{text}" if front else text


def write_site(root: Path, size: int, flavour: str, project_root: Path) -> Path:
    """Write the ``flavour`` ("ours" or "bare") site with ``size`` entries under ``root``; return its folder."""
    site = root / f"{flavour}-{size}"
    site.mkdir(parents=True, exist_ok=True)
    (site / "papers.bib").write_text(bibliography(size), encoding="utf-8")
    toctree = "```{toctree}\n:hidden:\n\npapers\n" + "\n".join(THEMES) + "\nabout\ncited\n```\n"
    cited = _page("Cited", "Two citations: {cite:p}`paper00000` and {cite:t}`paper00001`.")
    about = _page("About", "A page without publications.")
    if flavour == "ours":
        conf = (
            f"import sys\nsys.path.insert(0, {str(project_root / 'src')!r})\n"
            + CONF_COMMON.format(extensions=["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"])
            + 'homepage_author_names = ["Ziming Liu"]\nhomepage_publications_page = "papers"\n'
        )
        index = _page("Home", "A short bio.\n\n" + toctree, front="selected_papers: true\n")
        papers = _page("Papers", "```{publications}\n:group-by: year\n```")
        themes = {theme: _page(theme, f"```{{publications}}\n:filter: keywords={theme}\n```") for theme in THEMES}
    elif flavour == "bare":
        conf = CONF_COMMON.format(extensions=["myst_parser", "sphinxcontrib.bibtex"])
        selected = '```{bibliography}\n:filter: selected == "true"\n:keyprefix: sel-\n:labelprefix: S\n```\n'
        index = _page("Home", "A short bio.\n\n## selected publications\n\n" + selected + "\n" + toctree)
        papers = _page("Papers", "```{bibliography}\n:all:\n```")
        themes = {
            theme: _page(
                theme,
                f'```{{bibliography}}\n:filter: keywords % "{theme}"\n:keyprefix: {theme}-\n:labelprefix: {theme}-\n```',
            )
            for theme in THEMES
        }
    else:
        raise ValueError(flavour)
    (site / "conf.py").write_text(conf, encoding="utf-8")
    (site / "index.md").write_text(index, encoding="utf-8")
    (site / "papers.md").write_text(papers, encoding="utf-8")
    (site / "about.md").write_text(about, encoding="utf-8")
    (site / "cited.md").write_text(cited, encoding="utf-8")
    for theme, text in themes.items():
        (site / f"{theme}.md").write_text(text, encoding="utf-8")
    return site
