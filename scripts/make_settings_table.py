"""Write the README's table of settings from the extension's own declaration of them (``homepage/config.py``).

The table sits between two marker comments in ``README.md``; ``tests/test_config.py`` fails when it differs
from what this script writes. Run it after adding or changing a setting:

    python scripts/make_settings_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sphinx_academic_homepage.config import readme_with_table  # noqa: E402

README = ROOT / "README.md"

if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
