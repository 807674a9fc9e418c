"""The theme's templates, compiled once and kept between builds.

Sphinx writes the search page on every build, sphinx-notfound-page the 404 page, and both go through the
theme's whole chain of templates (``page.html``, the theme's and Sphinx's ``layout.html``, the navbar, the
sidebars, ...): compiling those to Python was about a seventh of a no-op build. Jinja keeps compiled
templates when its environment has a bytecode cache; this one lives in the doctree folder, beside the pickled
environment, so a build reuses what the last one compiled and a clean checkout starts empty.

A compiled template is used again only for the same template text compiled the same way: the key is the
template's name and file, the checksum its text together with :func:`compile_settings` (the Jinja version and
the extensions that rewrite templates as they compile, such as :mod:`.csp`'s). Anything else compiles anew
and replaces the kept copy; a no-op build writes nothing here.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

#: The folder, inside the doctree folder, that keeps the compiled templates.
CACHE_FOLDER = "compiled-templates"


def compile_settings(environment: Environment) -> str:
    """What, besides a template's text, decides what it compiles to: the Jinja version and each extension of
    the environment with the file that defines it (its size and time, so an edited extension compiles anew)."""
    settings = [jinja2.__version__]
    for name, extension in sorted(environment.extensions.items()):
        source = Path(inspect.getfile(type(extension)))
        stat = source.stat()
        settings.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(settings)


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, with the compile settings in each template's checksum."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))
        self._settings: str | None = None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Every extension is added by the time the first page renders: the settings are taken then, once.
        if self._settings is None:
            self._settings = compile_settings(environment)
        checksum = hashlib.sha1(f"{self._settings}\n{source}".encode()).hexdigest()
        bucket = Bucket(environment, self.get_cache_key(name, filename), checksum)
        self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        try:
            super().set_bucket(bucket)
        except OSError:
            pass  # a full or read-only disk: the template is compiled again next time, nothing is lost


def _keep_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return  # a site's own template bridge compiles its own way
    folder = Path(app.doctreedir) / CACHE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only doctree folder: templates compile on every build, as without the cache
    templates.environment.bytecode_cache = CompiledTemplates(folder)


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", _keep_compiled_templates)
