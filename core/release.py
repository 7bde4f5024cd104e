"""The release a page was built by: a digest of the portal's own code, templates and translations.
Pages and parts kept in the shared cache (core/page_cache.py, core/fragments.py) by another release
(during a rolling deploy, or before a template fix) are never served by this one."""

import hashlib
from pathlib import Path

from django.conf import settings


def digest():
    root = Path(settings.BASE_DIR)
    found = hashlib.sha256()
    apps = sorted(folder.name for folder in root.iterdir() if (folder / "apps.py").is_file())
    for folder in (*apps, "templates", "locale"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt", ".xml", ".mo") and path.is_file():
                found.update(str(path.relative_to(root)).encode())
                found.update(path.read_bytes())
    return found.hexdigest()[:12]


RELEASE = digest()
