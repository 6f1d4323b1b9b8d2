"""Static files as production serves them: the site's own CSS and JavaScript
minified, then named by their content's hash and compressed (WhiteNoise, with
Brotli and gzip copies).

Minifying comes first, so that the hash, the compressed copies and the
`{% static %}` addresses all describe the minified file. Only the project's
own files are minified (`site/static/` and each app's `static/`); Wagtail's
and the other installed packages' files ship minified already.

`collectstatic` copies each file, then hands the copies to `post_process`,
which reads them back from the storage they came from. So the copies in
`STATIC_ROOT` are minified in place and the hashing is pointed at them.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from django.conf import settings
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage


def minify(name: str, text: str) -> str:
    """`text` of the file `name` without comments and needless white space."""
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    return text


def is_minified_here(name: str, source_folder: str | Path | None) -> bool:
    """Whether the file `name`, found in `source_folder`, is the project's own
    CSS or JavaScript (not an installed package's, not minified already)."""
    if source_folder is None or not name.endswith((".css", ".js")) or ".min." in name:
        return False
    folder = Path(source_folder).resolve()
    project = Path(settings.BASE_DIR).resolve()
    return folder.is_relative_to(project) and not {"site-packages", ".venv"} & set(
        folder.relative_to(project).parts
    )


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            paths = dict(paths)
            for name, (storage, _path) in list(paths.items()):
                if not is_minified_here(name, getattr(storage, "location", None)):
                    continue
                with self.open(name) as copied:
                    text = copied.read().decode("utf-8")
                self.delete(name)
                self._save(name, ContentFile(minify(name, text).encode("utf-8")))
                paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)
