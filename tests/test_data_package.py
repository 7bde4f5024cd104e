"""The open data as a Data Package: the zip a reader downloads passes `frictionless validate`
(types, constraints, primary and foreign keys), its descriptor carries what the package must
say, the open-data page documents every column the files have, and the page's JSON-LD names
the Dataset and each file."""

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from partnerships.opendata import DATASETS

pytestmark = pytest.mark.django_db
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def downloaded(client, lang="en"):
    response = client.get(f"/{lang}/open-data/kupang-open-data.zip")
    assert response.status_code == 200
    assert response.streaming  # written as it is read, never built whole first
    assert response["Content-Disposition"] == 'attachment; filename="kupang-open-data.zip"'
    return zipfile.ZipFile(io.BytesIO(b"".join(response)))


def validated(folder):
    """frictionless's report on the package in `folder`, as the command gives it."""
    finished = subprocess.run(  # noqa: S603 - the venv's own frictionless, fixed arguments
        [FRICTIONLESS, "validate", "--json", "datapackage.json"],
        cwd=folder, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return json.loads(finished.stdout)


def errors_of(report):
    return [(task["name"], error["type"], error["message"])
            for task in report["tasks"] for error in task["errors"]]  # fmt: skip


@pytest.fixture
def package_folder(client, demo, tmp_path):
    downloaded(client).extractall(tmp_path)
    return tmp_path


def test_the_downloaded_package_passes_frictionless_validate(package_folder):
    report = validated(package_folder)
    assert errors_of(report) == [] and report["valid"]
    checked = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
    # Every file has rows, so that every foreign key was really looked up.
    assert set(checked) == set(DATASETS) and all(checked.values()), checked


def test_frictionless_finds_a_broken_reference_in_the_package(package_folder):
    # Guards the test above: the check does follow the foreign keys and read the types.
    events = package_folder / "events.csv"
    lines = events.read_text("utf-8-sig").splitlines()
    reference = lines[1].split(",")[1]
    lines[1] = lines[1].replace(reference, '"KPG-1999-999"', 1)
    events.write_text("\n".join(lines), "utf-8-sig")
    sectors = package_folder / "sectors.csv"
    sectors.write_text(re.sub(r'^("[^"]+"),"\d+"', r'\1,"first"', sectors.read_text("utf-8-sig"),
                              count=1, flags=re.M), "utf-8-sig")  # fmt: skip
    kinds = {(name, kind) for name, kind, _message in errors_of(validated(package_folder))}
    assert kinds == {("events", "foreign-key"), ("sectors", "type-error")}


def test_the_descriptor_says_what_a_data_package_must(client):
    package = client.get("/ja/open-data/datapackage.json").json()
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"][0]["roles"] == ["publisher"]
    assert package["contributors"][0]["title"] == "クパン市役所"  # in the reader's language
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", package["created"])
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(DATASETS)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"  # beside the descriptor
        assert resource["schema"]["primaryKey"]
    links = {(name, key["fields"][0], key["reference"]["resource"])
             for name, r in resources.items() for key in r["schema"]["foreignKeys"]}  # fmt: skip
    assert {("events", "proposal", "proposals"), ("commitments", "visit", "visits"),
            ("proposals", "partner_city_slug", "cities"),
            ("indicator_values", "sector", "sectors")} <= links  # fmt: skip


def test_each_csv_path_of_the_descriptor_answers_beside_it(client):
    package = client.get("/id/open-data/datapackage.json").json()
    for resource in package["resources"]:
        response = client.get(f"/id/open-data/{resource['path']}")
        assert response.status_code == 200, resource["path"]
        header = next(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
        assert header == [field["name"] for field in resource["schema"]["fields"]]


def test_the_open_data_page_documents_every_column_of_every_file(client):
    page = client.get("/en/open-data/").content.decode()
    documented = set()
    for names in re.findall(r"<dt>([^<]+?) <span", page):
        documented.update(name.strip() for name in names.split(","))
    for name in DATASETS:
        header = b"".join(client.get(f"/en/open-data/{name}.csv")).decode("utf-8-sig")
        columns = set(next(csv.reader(io.StringIO(header))))
        assert columns <= documented, (name, columns - documented)


def test_the_open_data_page_describes_the_dataset_in_json_ld(client):
    page = client.get("/ja/open-data/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    described = json.loads(block.group(1))
    assert described["@context"] == "https://schema.org" and described["@type"] == "Dataset"
    assert described["name"] and described["description"]
    assert described["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert described["creator"]["name"] == "クパン市役所"
    files = {d["name"]: d for d in described["distribution"]}
    expected = {f"{name}.csv" for name in DATASETS} | {"datapackage.json", "kupang-open-data.zip"}
    assert expected <= set(files)
    assert files["events.csv"]["encodingFormat"] == "text/csv"
    assert files["events.csv"]["contentUrl"] == "http://testserver/ja/open-data/events.csv"
    assert 'rel="describedby"' in page and "/ja/open-data/datapackage.json" in page


def test_a_text_cannot_break_out_of_the_json_ld_block():
    from core.data_package import json_ld_script

    element = json_ld_script({"name": "</script><script>alert(1)</script> & more"})
    assert element.count("</script>") == 1 and "<script>alert" not in element
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script> & more"


def test_negative_numbers_stay_numbers_and_the_package_stays_valid(client, demo, tmp_path):
    from partnerships.models import PartnerCity, Proposal
    from programmes.models import IndicatorValue

    darwin = PartnerCity.objects.create(slug="darwin", name="Darwin", country="AU",
                                        latitude="-12.460000", longitude="130.840000")  # fmt: skip
    Proposal.objects.filter(reference="DEMO-2024-002").update(partner_city=darwin)
    falling = IndicatorValue.objects.order_by("pk").first()
    IndicatorValue.objects.filter(pk=falling.pk).update(value="-3.50")
    downloaded(client).extractall(tmp_path)
    assert errors_of(validated(tmp_path)) == []
    cities = (tmp_path / "cities.csv").read_text("utf-8-sig")
    assert '"darwin"' in cities and '"-12.460000"' in cities
    assert '"-3.50"' in (tmp_path / "indicator_values.csv").read_text("utf-8-sig")
