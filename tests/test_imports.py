"""What every build pays before it reads a page: the package and its set-up import no library that only some
pages need (an HTML5 parser, a CSS parser, a LaTeX codec, Typst; Pillow is not among them: docutils' HTML
writer imports it for every build).

Each is imported by the function that uses it, when a build first needs it; the import graph of the package
(function-level imports included) is checked for cycles by test_code_shape.py. Checked in a fresh interpreter,
by the modules it holds, never by time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

#: Libraries that only some builds need: sanitising or parsing HTML, trimming stylesheets, decoding LaTeX in a
#: .bib, writing the CV PDF.
ON_DEMAND = ("justhtml", "tinycss2", "latexcodec", "typst")

LOADED = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import sphinx_academic_homepage
    after_import = sorted(sys.modules)

    from sphinx.application import Sphinx

    site = Path(sys.argv[1])
    (site / "conf.py").write_text('extensions = ["sphinx_academic_homepage"]\\nhtml_theme = "pydata_sphinx_theme"\\n')
    (site / "index.md").write_text("# Home\\n")
    Sphinx(site, site, site / "_build", site / "_doctrees", "html", status=None, warning=None)
    print(json.dumps({"import": after_import, "setup": sorted(sys.modules)}))
    """
)


def test_the_package_and_its_setup_leave_the_on_demand_libraries_unloaded(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", LOADED, str(tmp_path)], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert "sphinx_academic_homepage.publications.domain" in loaded["setup"]  # the set-up did run
    for stage, modules in loaded.items():
        found = sorted({name.split(".")[0] for name in modules} & set(ON_DEMAND))
        assert found == [], f"loaded by the package's {stage}"
