"""A region brief: the few pages a meeting participant takes home about one region, as plain data.

Every figure is a ``BriefFigure`` with its value, unit, year and source, read through the same
functions as the region profile and the API, so the brief, the screen and ``/api/values`` agree.
Where a figure exists only for a containing region (population at NUTS 2 for a NUTS 3 region) the
brief says whose figure it is; where there is none it says "no data", never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from data.importing.codes import code_tables, locate_code
from data.layer import LEVEL_NAMES, InvalidChoice, Layer
from data.layer.hubs import SOURCE_ID as HUBS_SOURCE_ID
from domain.esif import SOURCE_ID as ESIF_SOURCE_ID
from domain.esif import available as esif_available
from domain.esif import money_lines, research_money
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.profile import breadcrumb, region_row, technology_profile
from domain.s3 import LEVEL as S3_LEVEL
from domain.s3 import domain_scores, load_domains, partners
from domain.specialisation import similar_regions, specialisation_profile
from domain.technology_centres import technology_centres

IDENTITY_INDICATORS = ("population", "gdp_per_inhabitant", "gdp_per_capita_pps_index", "unemployment_rate")
TOP_SPECIALISATIONS = 5
PARTNERS_PER_DOMAIN = 5


@dataclass(frozen=True)
class BriefFigure:
    """One number as the brief prints it."""

    label: str
    value: float | None
    unit: str
    year: int | None
    source: str
    subject: str
    subject_name: str
    indicator_id: str = ""
    note: str = ""


@dataclass(frozen=True)
class RegionBrief:
    nuts_id: str
    name: str
    level: int
    level_name: str
    parents: list[dict]
    identity: list[BriefFigure]
    technology: list[dict]
    specialisation: list[dict]
    similar: dict
    s3: list[dict]
    s3_subject: str | None
    partners: list[dict]
    hubs: list[dict] = field(default_factory=list)
    hubs_nearby: list[dict] = field(default_factory=list)
    weakest: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    money: list[str] = field(default_factory=list)


def _latest_for(layer: Layer, indicator_id: str, codes: list[str]) -> tuple[str | None, int | None, float | None]:
    """Latest value of the first code (the region, then its parents) that has one."""
    if indicator_id not in layer.by_indicator:
        return None, None, None
    frame = layer.by_indicator[indicator_id]
    for code in codes:
        part = frame[frame.nuts_id == code]
        if len(part):
            row = part.loc[part.year.idxmax()]
            return code, int(row.year), float(row.value)
    return None, None, None


def identity_figures(layer: Layer, nuts_id: str) -> list[BriefFigure]:
    """Population, GDP per inhabitant and the like, for the region or (said) its nearest containing region."""
    chain = [nuts_id[:n] for n in range(len(nuts_id), 1, -1)]
    names = layer.region_names()
    out = []
    for indicator_id in IDENTITY_INDICATORS:
        if indicator_id not in layer.by_indicator:
            continue
        meta = layer.indicator(indicator_id)
        subject, year, value = _latest_for(layer, indicator_id, chain)
        note = "" if subject in (None, nuts_id) else _("figure for %(name)s (%(code)s)") % {
            "name": names.get(subject, subject), "code": subject}
        out.append(BriefFigure(meta["label"], value, meta["unit"], year, layer.sources[meta["source_id"]].short_name,
                               subject or nuts_id, names.get(subject or nuts_id, ""), indicator_id, note))
    return out


def level_words(level: int) -> str:
    """'country', 'NUTS 2': what a level is called in the reader's language."""
    return _("country") if level == 0 else LEVEL_NAMES[level]


def evidence_ids(domain: dict) -> list[str]:
    return [link["indicator"] for link in domain["evidence"]]


def s3_evidence(layer: Layer, nuts_id: str) -> tuple[str | None, list[dict], list[dict]]:
    """Domain scores of the region's NUTS 2 region (S3 evidence is computed at NUTS 2), strongest first, and the
    suggested partners for its weakest domain."""
    subject = nuts_id[:4] if len(nuts_id) >= 4 else None
    if subject is None or subject not in layer.region_ids:
        return None, [], []
    rows = []
    for d in load_domains():
        scores = domain_scores(layer, evidence_ids(d), level=S3_LEVEL).set_index("nuts_id")
        if subject not in scores.index:
            rows.append({"domain_id": d["id"], "domain": d["label"], "score": None, "strong": False, "years": {}})
            continue
        row = scores.loc[subject]
        rows.append({"domain_id": d["id"], "domain": d["label"], "score": float(row.score), "strong": bool(row.strong),
                     "n_evidence": int(row.n_evidence), "years": dict(scores.attrs.get("years", {}))})
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0)))
    scored = [r for r in rows if r["score"] is not None]
    found: list[dict] = []
    if scored:
        weakest = next(d for d in load_domains() if d["id"] == scored[-1]["domain_id"])
        table = partners(layer, subject, evidence_ids(weakest), k=PARTNERS_PER_DOMAIN)
        found = [{"domain": weakest["label"], "nuts_id": r.nuts_id, "name": r.name, "fit": float(r.fit),
                  "complements": r.complements} for r in table.itertuples()]
    return subject, rows, found


NUTS_CODE = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")


def resolve_region_code(layer: Layer, raw: str) -> tuple[str, str]:
    """(NUTS 2021 code, notice): a 2021 code as it is; an older code of the same territory as its 2021 region, with
    a notice saying so. InvalidChoice 'nuts_id' (400) for a malformed code, 'region' (404) for an unknown one."""
    code = str(raw or "").strip().upper()
    if not NUTS_CODE.fullmatch(code):
        raise InvalidChoice("nuts_id", _("%(raw)s is not a NUTS code (two letters and up to three letters or digits, "
                                         "e.g. PL21).") % {"raw": repr(str(raw)[:20])})
    if code in layer.region_ids:
        return code, ""
    located = locate_code(code, set(layer.region_ids), code_tables(str(layer.path)), coarse_ok=False)
    if located.nuts_id:
        return located.nuts_id, _("%(code)s is an older NUTS code: %(how)s; shown as %(shown)s.") % {
            "code": code, "how": located.how, "shown": located.nuts_id}
    raise InvalidChoice("region", _("No NUTS 2021 region for %(code)s: %(how)s.") % {"code": code, "how": located.how})


MAX_NO_DATA_NOTES = 5


def caveat_notes(*item_lists: list[dict]) -> list[str]:
    """Each caveat of the figures the brief prints (experimental data, a merged area's value, an index's own
    reference), once, with the indicators it concerns."""
    labels: dict[str, list[str]] = {}
    for items in item_lists:
        for item in items:
            caveat = item.get("caveat") or ""
            if caveat and item["label"] not in labels.setdefault(caveat, []):
                labels[caveat].append(item["label"])
    return [_("%(caveat)s (%(indicators)s)") % {"caveat": caveat, "indicators": "; ".join(names)}
            for caveat, names in labels.items()]


def no_data_notes(layer: Layer, nuts_id: str) -> list[str]:
    """Why the region has no value for indicators a source does publish for an older region covering it (the layer's
    ``no_data`` table, from the build's recoding audit): one line per indicator, in words."""
    table = layer.no_data
    if table is None or table.empty:
        return []
    mine = table[(table.nuts_id == nuts_id) & table.indicator_id.isin(layer.by_indicator)]
    has_value = {i for i in set(mine.indicator_id) if (layer.by_indicator[i].nuts_id == nuts_id).any()}
    mine = mine[~mine.indicator_id.isin(has_value)]
    lines = []
    for (indicator_id, from_code, version, detail), part in mine.groupby(["indicator_id", "from_code", "from_version", "detail"]):
        years = sorted(set(int(y) for y in part.year))
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        label = layer.indicator(indicator_id)["label"]
        lines.append(_("No value for %(label)s (%(years)s): the source publishes it for NUTS %(version)s %(code)s, not "
                       "for this region — %(detail)s.") % {"label": label, "years": span, "version": int(version),
                                                           "code": from_code, "detail": detail.rstrip(".")})
    if len(lines) > MAX_NO_DATA_NOTES:
        rest = len(lines) - MAX_NO_DATA_NOTES
        lines = lines[:MAX_NO_DATA_NOTES] + [ngettext("%(n)s more such figure: see the build report (dropped_regions).",
                                                      "%(n)s more such figures: see the build report (dropped_regions).",
                                                      rest) % {"n": rest}]
    return lines


def region_brief(layer: Layer, nuts_id: str) -> RegionBrief:
    """Everything the brief prints for `nuts_id` (a NUTS 2021 code of any level); InvalidChoice when unknown."""
    if nuts_id not in layer.region_ids:
        raise InvalidChoice("region", _("Unknown NUTS 2021 region %(code)s.") % {"code": repr(nuts_id[:20])})
    region = region_row(layer, nuts_id)
    technology = technology_profile(layer, nuts_id)
    specialisation = specialisation_profile(layer, nuts_id)
    s3_subject, s3_rows, s3_partners = s3_evidence(layer, nuts_id)
    identity = identity_figures(layer, nuts_id)
    hubs, weakest, nearby = technology_centres(layer, nuts_id)
    notes = [
        _("Years differ by source: each figure shows its own year; the latest year with data is used."),
        _("'No data' is never shown as 0. A figure is missing either because its source publishes none for this "
          "region, or because the source's figure belongs to an older NUTS region whose territory differs from this "
          "one (under 99 %% of the population shared both ways); such figures are never apportioned.") % {},
        *no_data_notes(layer, nuts_id),
        *caveat_notes(technology, specialisation[:TOP_SPECIALISATIONS]),
    ]
    if s3_subject and s3_subject != nuts_id:
        notes.append(_("S3 evidence scores are computed for NUTS 2 regions: figures for %(code)s.") % {"code": s3_subject})
    if s3_subject is None:
        notes.append(_("S3 evidence scores are computed for NUTS 2 regions and are not shown at this level."))
    used = {layer.indicator(i["indicator_id"])["source_id"] for i in technology}
    used |= {layer.indicator(i["indicator_id"])["source_id"] for i in specialisation}
    used |= {layer.indicator(f.indicator_id)["source_id"] for f in identity if f.indicator_id}
    used.add("gisco_nuts_2021")
    money = money_lines(research_money(layer, nuts_id)) if esif_available(layer) else []
    if money:
        used.add(ESIF_SOURCE_ID)
    return RegionBrief(
        nuts_id=nuts_id, name=region["name"], level=region["level"], level_name=level_words(region["level"]),
        parents=[p for p in breadcrumb(layer, nuts_id) if p["nuts_id"] != nuts_id], identity=identity,
        technology=technology, specialisation=specialisation[:TOP_SPECIALISATIONS] if specialisation else [],
        similar=similar_regions(layer, nuts_id) if region["level"] == 2 else {"regions": []},
        s3=s3_rows, s3_subject=s3_subject, partners=s3_partners, hubs=hubs, hubs_nearby=nearby, weakest=weakest,
        notes=notes, source_ids=sorted(used | {HUBS_SOURCE_ID}), money=money,
    )
