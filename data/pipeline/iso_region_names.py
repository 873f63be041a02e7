"""Region names in the atlas's languages from ISO 3166-2: ``python -m data.pipeline.iso_region_names LAYER_DIR``.

Writes ``data/region_names_iso3166.yaml``, the reviewed table the build reads into the region search, so that
"Bavière", "Baviera" and "Bawaria" find Bayern (DE2). The names are Debian's iso-codes (ISO 3166-2 subdivision
names and their translations, gettext domain ``iso3166-2``, LGPL-2.1-or-later), as shipped by the pinned
``pycountry`` package: real, citable names, none typed in here.

**Mapping rule.** An ISO 3166-2 subdivision is the NUTS 2021 region (any level) of the same country (NUTS EL is
ISO GR, UK is GB) whose official name equals the subdivision's native name once both are folded (accents
transliterated, case and punctuation ignored) and reduced to their short form (the administrative words of
``region_names_en.yaml``'s ``form_words``: "Województwo małopolskie" is "małopolskie"). A NUTS name's parts
separated by "/" and without a trailing "(XX)" qualifier are each tried; an ISO name's bracketed alternate
("Catalunya [Cataluña]") and its inverted form ("Asturias, Principado de" = "Principado de Asturias") likewise.
A subdivision matching several NUTS regions names each of them (Île-de-France is FR1 and FR10). A translated
name is kept when iso-codes translates the name (an untranslated one is the native name again) and none of its
folded forms is already a native or English name of the region. Subdivisions that
match no region are listed in the file with their names, so a reviewer sees what is left out; nothing is guessed.
"""

from __future__ import annotations

import argparse
import gettext
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pycountry
import yaml

from data.layer.language import DEFAULT_LANGUAGE, LANGUAGES
from data.layer.places import NUTS_TO_GEONAMES
from data.layer.search_index import ISO_NAMES_FILE, name_forms, written_names
from data.yaml_files import load_yaml

HEADER = __doc__.split("**Mapping rule.**", 1)[1].strip()


def _translators() -> dict[str, gettext.NullTranslations]:
    return {language: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)
            for language in LANGUAGES if language != DEFAULT_LANGUAGE}


def match_subdivisions(regions: pd.DataFrame) -> tuple[dict[str, list[str]], list[str]]:
    """NUTS id -> ISO 3166-2 codes matched by the rule, and the subdivisions of the regions' countries left unmatched."""
    by_country: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in regions[regions.level > 0].itertuples():
        iso_country = NUTS_TO_GEONAMES.get(r.country, r.country)
        for form in name_forms(r.name_latn) | name_forms(r.name):
            by_country[iso_country][form].add(r.nuts_id)
    matched: dict[str, list[str]] = defaultdict(list)
    unmatched = []
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if subdivision.country_code not in by_country:
            continue
        found = set().union(*(by_country[subdivision.country_code].get(f, set()) for f in name_forms(subdivision.name)))
        for nuts_id in found:
            matched[nuts_id].append(subdivision.code)
        if not found:
            unmatched.append(f"{subdivision.code} {subdivision.name} ({subdivision.type})")
    return dict(matched), unmatched


def translated_names(regions: pd.DataFrame, english: dict[str, list[str]]) -> tuple[dict, list[str]]:
    """NUTS id -> {"iso": codes, language: [names the region's own and English names do not already give]}."""
    matched, unmatched = match_subdivisions(regions)
    translators = _translators()
    own = {r.nuts_id: name_forms(r.name_latn) | name_forms(r.name) for r in regions.itertuples()}
    table: dict[str, dict] = {}
    for nuts_id, codes in sorted(matched.items()):
        known = own[nuts_id] | {f for n in english.get(nuts_id, []) for f in name_forms(n)}
        entry: dict = {"iso": sorted(codes)}
        for language, translator in translators.items():
            native = [pycountry.subdivisions.get(code=c).name for c in codes]
            translated = [translator.gettext(n) for n in native if translator.gettext(n) != n]
            names = sorted({n for t in translated for n in written_names(t) if not name_forms(n) & known})
            if names:
                entry[language] = names
        table[nuts_id] = entry
    return table, unmatched


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("layer", type=Path, help="a built layer folder (its regions.parquet lists the NUTS names)")
    args = parser.parse_args(argv)
    regions = pd.read_parquet(args.layer / "regions.parquet", columns=["nuts_id", "name", "name_latn", "level", "country"])
    english = load_yaml(ISO_NAMES_FILE.parent / "region_names_en.yaml")
    table, unmatched = translated_names(regions, {**english.get("regions", {}), **english.get("countries", {})})
    named = {k: v for k, v in table.items() if set(v) - {"iso"}}
    comment = "\n".join(f"# {line}" if line else "#" for line in [
        "Generated by `python -m data.pipeline.iso_region_names LAYER_DIR`; review the diff, never edit by hand.",
        f"Source: Debian iso-codes, ISO 3166-2 subdivision names and translations (pycountry {pycountry_version()}),",
        "LGPL-2.1-or-later; names are facts. Rule:", *HEADER.splitlines(),
        f"Matched: {len(table)} NUTS regions to ISO 3166-2 subdivisions, {len(named)} with a name in another language;",
        f"unmatched subdivisions of the NUTS countries: {len(unmatched)}."])
    body = yaml.safe_dump({"source": f"iso-codes via pycountry {pycountry_version()}", "regions": named,
                           "matched_without_other_names": sorted(set(table) - set(named))},
                          allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    body += yaml.safe_dump({"unmatched": unmatched}, allow_unicode=True, width=200, default_flow_style=False)
    ISO_NAMES_FILE.write_text(comment + "\n" + body, encoding="utf-8")
    print(f"{len(table)} regions matched, {len(named)} with other-language names, {len(unmatched)} subdivisions unmatched")


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    main()
