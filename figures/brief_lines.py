"""The region brief's lines in words: each figure with its unit, year, rank and source, as the PDF, the slides and
the speaker notes say it (in the reader's language; numbers as the locale writes them)."""

from __future__ import annotations

from domain.brief import RegionBrief
from domain.formatting import format_beside, format_value, rank_phrase
from domain.i18n import N_, ngettext
from domain.i18n import gettext as _

MAX_TECH_ROWS = 16
MAX_HUB_LINES = 10


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def subtitle(brief: RegionBrief) -> str:
    path = " › ".join(f"{p['name']} ({p['nuts_id']})" for p in brief.parents)
    return _("%(level)s in %(path)s") % {"level": brief.level_name, "path": path} if path else brief.level_name


def identity_lines(brief: RegionBrief) -> list[str]:
    return [_("%(label)s: %(value)s (%(source)s)") % {"label": f.label, "value": value_year(f.value, f.unit, f.year),
                                                      "source": f.source} + (f" — {f.note}" if f.note else "")
            for f in brief.identity]


def value_year(value: float | None, unit: str, year: object) -> str:
    return f"{format_value(value, unit)}, {year}" if year else format_value(value, unit)


def own_technology(brief: RegionBrief) -> list[dict]:
    return [i for i in brief.technology if i["level"] == brief.level and i["percentile"] is not None][:MAX_TECH_ROWS]


def technology_text(item: dict) -> str:
    return (f"{value_year(item['value'], item['unit'], item['year'])} · {rank_phrase(item)} · {item['source']}"
            + (f" · {tags_text(item)}" if item.get("tags") else ""))


def country_lines(brief: RegionBrief) -> list[str]:
    lines = []
    for i in [i for i in brief.technology if i["level"] == 0 and i["level"] != brief.level][:8]:
        value, eu = format_beside(i["value"], i["eu"], i["unit"])
        said = {"label": i["label"], "value": value, "year": i["year"], "source": i["source"], "eu": eu}
        lines.append((_("%(label)s: %(value)s (%(year)s, %(source)s); EU27 %(eu)s") if i["eu"] is not None
                      else _("%(label)s: %(value)s (%(year)s, %(source)s)")) % said)
    return lines


def specialisation_text(item: dict) -> str:
    """'LQ (EU28 = 1) 2.64 (2018, source) · ★', naming each line's reference; patent intensity is not an LQ."""
    return (f"{item.get('measure', 'LQ')} {item['lq']:.2f} ({item['year']}, {item['source']})"
            + (f" · {'★' * item['stars']}" if item.get("stars") else "")
            + (f" · {tags_text(item)}" if item.get("tags") else ""))


def similar_lines(brief: RegionBrief) -> list[str]:
    return [_("%(name)s (%(code)s), similarity %(similarity)s") % {
        "name": r["name"], "code": r["nuts_id"], "similarity": format_value(r["similarity"], digits=2)}
        for r in brief.similar.get("regions", [])[:8]]


def s3_text(row: dict) -> str:
    years = sorted(set(row.get("years", {}).values()))
    said = {"score": f"{row['score']:.0f}", "n": row["n_evidence"],
            "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""}
    if not years:
        return ngettext("%(score)s / 100 (%(n)s indicator)", "%(score)s / 100 (%(n)s indicators)", said["n"]) % said
    return ngettext("%(score)s / 100 (%(n)s indicator, data %(years)s)", "%(score)s / 100 (%(n)s indicators, data %(years)s)",
                    said["n"]) % said


def partner_lines(brief: RegionBrief) -> list[str]:
    return [_("%(name)s (%(code)s), fit %(fit)s / 100: strongest where %(region)s is weaker, in %(complements)s") % {
        "name": p["name"], "code": p["nuts_id"], "fit": f"{p['fit']:.0f}", "region": brief.s3_subject,
        "complements": p["complements"]} for p in brief.partners]


def hub_lines(brief: RegionBrief, most: int = MAX_HUB_LINES) -> list[str]:
    lines = [(_("%(name)s (%(type)s, %(town)s): %(technologies)s at intensity 4–5") if h["technologies"] else
              _("%(name)s (%(type)s, %(town)s)")) % {"name": h["name"], "type": h["type"], "town": town_words(h),
                                                    "technologies": ", ".join(h["technologies"])} for h in brief.hubs]
    more = len(lines) - most
    return lines[:most] + ([ngettext("… and %(n)s more: the full list is at %(link)s",
                                     "… and %(n)s more: the full list is at %(link)s", more) % {
        "n": more, "link": f"/api/hubs.csv?country={brief.nuts_id[:2]}"}] if more > 0 else [])


def town_words(hub: dict) -> str:
    return hub["town"] or _("town not given")


def weakest_lines(brief: RegionBrief) -> list[str]:
    return [_("%(label)s: %(value)s (%(year)s, %(source)s, %(subject)s), %(rank)s → %(technology)s") % {
        "label": w["label"], "value": format_value(w["value"], w["unit"]), "year": w["year"], "source": w["source"],
        "subject": w["subject"], "rank": rank_phrase(w), "technology": w["technology"]} for w in brief.weakest]


def nearby_lines(brief: RegionBrief) -> list[str]:
    return [_("%(name)s (%(type)s, %(country)s), %(km)s km: %(offers)s") % {
        "name": h["name"], "type": h["type"], "country": h.get("country_name") or h["country"], "km": format_value(h["distance_km"], digits=0),
        "offers": h["offers"]} for h in brief.hubs_nearby]


def technology_lines(brief: RegionBrief) -> list[str]:
    return [f"{i['label']}: {technology_text(i)}" for i in own_technology(brief)] + country_lines(brief)


def specialisation_lines(brief: RegionBrief) -> list[str]:
    return [f"{s['label']}: {specialisation_text(s)}" for s in brief.specialisation]


def s3_lines(brief: RegionBrief) -> list[str]:
    return [f"{r['domain']}: {s3_text(r) if r['score'] is not None else format_value(None)}" for r in brief.s3]


TAG_WORDS = (N_("experimental"),)  # the profile's short tags (domain.profile.value_tags) that are words


def tags_text(item: dict) -> str:
    """A figure's short tags ('experimental', 'merged area AT13'), the words in the reader's language."""
    return ", ".join(_(tag) if tag in TAG_WORDS else tag for tag in item.get("tags") or [])
