"""This package as a wheel, written from its installed files, the same bytes for the same files.

A site made here installs the extension from ``vendor/`` (it is not on a package index). The wheel is made from
the package's own folder, as imported, so an editable install and a wheel install give the same file: every
file under it but compiled ones. Its metadata is written here, not copied: the name, the version, the Python it
needs, the dependencies (extras left out) and the licence, without the long description (the project's README,
which is about its owner's site, not about the package). Every member has the same fixed time and mode, in
sorted order, so the bytes depend on the files alone.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import zipfile
from pathlib import Path

import sphinx_academic_homepage

DISTRIBUTION = "sphinx-academic-homepage"
#: The earliest time a zip file can hold; the wheel's members all carry it.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
WHEEL_FILE = b"Wheel-Version: 1.0\nGenerator: sphinx-academic-homepage\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def package_files() -> dict[str, Path]:
    """The package's files by their name inside the wheel (``sphinx_academic_homepage/...``)."""
    folder = Path(sphinx_academic_homepage.__file__).parent
    return {
        path.relative_to(folder.parent).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}
    }


def _metadata(distribution: importlib.metadata.Distribution) -> str:
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {distribution.metadata['Name']}",
        f"Version: {distribution.version}",
        f"Summary: {distribution.metadata['Summary']}",
        f"License-Expression: {distribution.metadata['License-Expression']}",
        "License-File: LICENSE",
        f"Requires-Python: {distribution.metadata['Requires-Python']}",
    ]
    requirements = [requirement for requirement in distribution.requires or () if "extra ==" not in requirement]
    lines += [f"Requires-Dist: {requirement}" for requirement in requirements]
    return "\n".join(lines) + "\n"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def _write_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    member = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    member.external_attr = 0o644 << 16
    member.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(member, data)


def wheel_name() -> str:
    version = importlib.metadata.version(DISTRIBUTION)
    return f"sphinx_academic_homepage-{version}-py3-none-any.whl"


def write_wheel(folder: Path) -> Path:
    """Write the package's wheel into ``folder`` and return its path."""
    distribution = importlib.metadata.distribution(DISTRIBUTION)
    dist_info = f"sphinx_academic_homepage-{distribution.version}.dist-info"
    members = {name: path.read_bytes() for name, path in package_files().items()}
    members[f"{dist_info}/METADATA"] = _metadata(distribution).encode("utf-8")
    # The licence goes with every copy of the package.
    members[f"{dist_info}/licenses/LICENSE"] = (distribution.read_text("licenses/LICENSE") or "").encode("utf-8")
    members[f"{dist_info}/WHEEL"] = WHEEL_FILE
    record = [_record_line(name, data) for name, data in members.items()] + [f"{dist_info}/RECORD,,"]
    members[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wheel_name()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            _write_member(archive, name, data)
    return target
