import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))
import homepage  # noqa: E402

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_owner_name = "Ada Lovelace"
