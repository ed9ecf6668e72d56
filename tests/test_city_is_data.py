"""The city is data: no template and no module of the apps names the municipality of the
bundled profile or its phone number. Data files (the demo's among them), migrations, tests
and docs are where the city may be named."""

import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEFAULT_PROFILE = ROOT / "city" / "profiles" / "fujimino" / "profile.toml"
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "tests",
    "docs",
    "locale",
    "migrations",
    "profiles",
    "benchmarks",
    "test-results",
    "media",
    "private_media",
}
# The one place that chooses the bundled profile as the default.
ALLOWED = {ROOT / "config" / "settings.py": ['"city" / "profiles" / "fujimino"']}


def city_words():
    """The names and numbers of the bundled profile's city, as code might spell them."""
    with DEFAULT_PROFILE.open("rb") as file:
        profile = tomllib.load(file)
    city, contact = profile["city"], profile["contact"]
    stem = city["name"].rstrip("市町村区")
    words = {city["name"], stem, city["name_en"].split()[0], city["slug"], contact["phone"]}
    if contact.get("fax"):
        words.add(contact["fax"])
    return {word.lower() for word in words}


def app_folders():
    return [
        path
        for path in ROOT.iterdir()
        if path.is_dir()
        and path.name not in SKIPPED_DIRS
        and ((path / "apps.py").exists() or (path / "__init__.py").exists())
    ]


def checked_files():
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            yield path
    for folder in app_folders():
        for path in folder.rglob("*"):
            inside = path.relative_to(ROOT).parts
            if any(part in SKIPPED_DIRS for part in inside):
                continue
            if path.suffix in {".py", ".html", ".txt"}:
                yield path


def test_the_words_come_from_the_bundled_profile():
    words = city_words()
    assert {"ふじみ野", "ふじみ野市", "fujimino", "049-262-9016"} <= words


def test_the_checked_files_include_templates_and_the_apps_modules():
    checked = {path.relative_to(ROOT).as_posix() for path in checked_files()}
    for expected in (
        "templates/base.html",
        "templates/account/email/base_message.txt",
        "config/settings.py",
        "config/urls.py",
        "projects/guide.py",
        "opendata/feeds.py",
        "opendata/datasets.py",
        "principles/models.py",
        "organizations/forms.py",
        "city/models.py",
        "demo/projects.py",
        "demo/management/commands/load_demo.py",
    ):
        assert expected in checked
    assert not any("/migrations/" in path or path.startswith("tests/") for path in checked)


def test_no_template_or_module_names_the_city():
    words = city_words()
    found = []
    for path in checked_files():
        text = path.read_text(encoding="utf-8")
        for allowed in ALLOWED.get(path, []):
            text = text.replace(allowed, "")
        for number, line in enumerate(text.lower().splitlines(), start=1):
            found += [
                f"{path.relative_to(ROOT)}:{number}: {word}" for word in words if word in line
            ]
    assert found == []
