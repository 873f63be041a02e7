"""The gettext catalogues are complete: every message of both domains (``interface``, ``documents``) translated in
every shipped language, none fuzzy, every placeholder kept, and no word of the code missing from them.

Read with Babel's own parser (``babel.messages.pofile``), as ``make translations`` compiles them. A domain is checked
once its template (``locales/<domain>.pot``) is in the repository; each domain's sources are the Makefile's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from domain.i18n import CATALOGUE_DOMAINS, DEFAULT_LANGUAGE, LANGUAGES
from scripts.babel_extract import extract_yaml_labels
from web.script_words import SCRIPT_WORDS

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
SHIPPED = [d for d in CATALOGUE_DOMAINS if (LOCALES / f"{d}.pot").exists()]
MAKEFILE_SOURCES = {"interface": "INTERFACE_SOURCES", "documents": "DOCUMENT_SOURCES"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def _catalogue(language: str, domain: str):
    path = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make messages` and translate it"
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def _forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _sources(domain: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{MAKEFILE_SOURCES[domain]} := (.+)$", text, re.M)
    assert found, f"Makefile names no {MAKEFILE_SOURCES[domain]}"
    return found.group(1).split()


def _extracted(domain: str) -> set:
    """The msgids the code marks today (what ``make messages`` would write into the template)."""
    found = set()
    for source in _sources(domain):
        path = ROOT / source
        if path.is_dir():
            messages = [m[2] for m in extract_from_dir(str(path), [("**.py", "python")])]
        elif path.suffix == ".py":
            messages = [m[1] for m in extract_from_file("python", str(path))]
        else:
            messages = [m[1] for m in extract_from_file(extract_yaml_labels, str(path))]
        found |= {m if isinstance(m, str) else tuple(m[:2]) for m in messages}
    return found


@pytest.mark.parametrize("domain", SHIPPED)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language, domain):
    catalogue = _catalogue(language, domain)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids, strings = _forms(message.id), _forms(message.string)
        if "fuzzy" in message.flags:
            problems.append(f"fuzzy: {ids[0][:60]!r}")
        if not all(s.strip() for s in strings) or len(strings) != (catalogue.num_plurals if message.pluralizable else 1):
            problems.append(f"untranslated: {ids[0][:60]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for form in strings:
            if set(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"placeholders {sorted(set(PLACEHOLDER.findall(form)))} ≠ {sorted(wanted)}: "
                                f"{ids[0][:60]!r}")
            if wanted or "%%" in ids[0]:
                try:
                    form % dict.fromkeys(wanted, 1)
                except (KeyError, ValueError, TypeError) as exc:
                    problems.append(f"cannot be formatted ({exc}): {form[:60]!r}")
    problems += [f"babel check: {message.id!r}: {errors}" for message, errors in catalogue.check()]
    assert not problems, f"{language}/{domain}: {len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("domain", SHIPPED)
def test_every_word_the_code_marks_is_in_the_catalogues(domain):
    """A string wrapped in the code after the last `make messages` is in no catalogue: it would show in English."""
    marked = _extracted(domain)
    for language in TRANSLATED:
        catalogue = _catalogue(language, domain)
        known = {m.id if isinstance(m.id, str) else tuple(m.id[:2]) for m in catalogue if m.id}
        missing = sorted(str(m)[:80] for m in marked - known)
        assert not missing, f"{language}/{domain}: {len(missing)} words marked in the code but not in the catalogue " \
                            f"(run `make messages` and translate them): {missing[:20]}"


SCRIPTS = [*sorted((ROOT / "assets").glob("[0-9]*.js")), ROOT / "api" / "embed_static" / "embed.js"]
SCRIPT_CALL = re.compile(r"""(?:atlasWord|\bword)\(\s*"((?:[^"\\]|\\.)*)\"""")


def test_every_word_the_scripts_ask_for_is_listed_for_translation():
    """``window.atlasWord("…")`` in the assets and in the clientside callbacks finds its text in SCRIPT_WORDS (the
    table the page carries), so no script word stays English."""
    texts = [path.read_text(encoding="utf-8") for path in SCRIPTS if not path.name.startswith("02_")]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "components").glob("*.py")]
    asked = {match for text in texts for match in SCRIPT_CALL.findall(text)}
    assert {"Slide show", "Link copied", "Year"} <= asked
    assert not asked - set(SCRIPT_WORDS), sorted(asked - set(SCRIPT_WORDS))
    upload = (ROOT / "assets" / "40_upload_limit.js").read_text(encoding="utf-8")
    assert "the limit is %(limit)s MB" in upload.replace('" +\n                "', "")
