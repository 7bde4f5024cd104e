"""The open data as one Data Package (datapackage.org, v2): its descriptor, built from the datasets'
own column declarations (core/table_schema.py); the schema.org Dataset that lets a search engine
find it; and the whole package as one zip, streamed."""

import datetime
import json
import zipfile

from django.utils.safestring import mark_safe

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
# The version of the package's shape: within 1.x, datasets and columns are only ever added, and a
# column never changes its meaning (README, "Open data").
VERSION = "1.0.0"
NAME = "kupang-sister-city-partnerships"
DESCRIPTOR = "datapackage.json"


def in_utc(moment):
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def csv_file(dataset):
    return f"{dataset.name}.csv"


def _resource(dataset):
    return {
        "name": dataset.name,
        "type": "table",
        "path": csv_file(dataset),  # beside the descriptor, in the same folder or zip
        "title": str(dataset.title),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"header": True, "delimiter": ",", "quoteChar": '"'},
        "schema": dataset.table_schema(),
    }


def descriptor(datasets, *, title, description, publisher, homepage, created):
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": str(title),
        "description": str(description),
        "version": VERSION,
        "created": in_utc(created),
        "homepage": homepage,
        "licenses": [LICENCE],
        "contributors": [{"title": str(publisher), "path": homepage, "roles": ["publisher"]}],
        "resources": [_resource(dataset) for dataset in datasets],
    }


def json_ld(package, *, page, files, languages):
    """schema.org's Dataset for the open-data page: the package's own facts, and where each
    file is (`files` maps a file's name to its absolute address)."""
    formats = {".csv": "text/csv", ".json": "application/json", ".zip": "application/zip"}
    organisation = {
        "@type": "GovernmentOrganization",
        "name": package["contributors"][0]["title"],
        "url": package["homepage"],
    }
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": package["title"],
        "description": package["description"],
        "url": page,
        "license": LICENCE["path"],
        "creator": organisation,
        "publisher": organisation,
        "version": package["version"],
        "inLanguage": list(languages),
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "contentUrl": url,
                "encodingFormat": formats[name[name.rindex(".") :]],
            }
            for name, url in files.items()
        ],  # fmt: skip
    }


class _Pipe:
    """What the zip writes to: keeps the bytes until they are handed on. Without tell() and
    seek(), zipfile writes each entry's sizes after its data, so nothing is held back."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def drained(self):
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def zipped(files, *, dated):
    """The zip of `files` ((name, iterable of str) pairs), as it is written: each file's parts
    are compressed and handed on one by one, so memory stays constant whatever the size."""
    pipe = _Pipe()
    stamp = dated.timetuple()[:6]
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, parts in files:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as written:
                for part in parts:
                    written.write(part.encode())
                    if out := pipe.drained():
                        yield out
    yield pipe.drained()


def as_json(package):
    return json.dumps(package, ensure_ascii=False, indent=2)


# What a script element's text must not contain as written (as Django's json_script escapes it).
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """The element that carries `data` as JSON-LD: a data block, never run as a script."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped
