"""The region brief on screen: the same lines as its PDF and PowerPoint, with links to both files."""

from __future__ import annotations

from dash import html

from components.layout import page_header, page_notice
from data.layer import Layer
from domain.brief import RegionBrief
from domain.i18n import gettext as _
from exports.formats import DOCUMENT_FORMATS
from figures.brief_pages import (
    MONEY_HEADING,
    hub_lines,
    identity_lines,
    nearby_lines,
    partner_lines,
    s3_lines,
    similar_lines,
    specialisation_lines,
    subtitle,
    technology_lines,
    weakest_lines,
)


def _section(title: str, lines: list[str], element_id: str, empty: str) -> html.Section:
    body = html.Ul([html.Li(line) for line in lines], className="atlas-brief-list") if lines else html.P(
        empty, className="text-muted")
    return html.Section([html.H2(title, className="h5 mt-3"), body], id=element_id)


def brief_view(layer: Layer, brief: RegionBrief, notice: str = "") -> html.Div:
    files = [html.A(_("Download %(format)s") % {"format": _(fmt.short_label)}, href=f"/export/brief/{brief.nuts_id}.{fmt.extension}",
                    className="btn btn-outline-primary btn-sm me-2", id=f"brief-download-{fmt.extension}")
             for fmt in DOCUMENT_FORMATS.values()]
    sources = [f"{layer.sources[i].title} — {layer.sources[i].licence}" for i in brief.source_ids]
    return html.Div([
        page_header(_("Region brief: %(region)s (%(code)s)") % {"region": brief.name, "code": brief.nuts_id}, subtitle(brief)),
        page_notice(notice, id="brief-notice") if notice else None,
        html.Div(files + [html.A(_("Open on the map"), href=f"/technology?region={brief.nuts_id}&level={brief.level}",
                                 className="btn btn-link btn-sm")], className="mb-2"),
        _section(_("Identity"), identity_lines(brief), "brief-identity", _("No figure for this region.")),
        _section(_("Technology and innovation profile (value, year, rank among peers with data, source)"),
                 technology_lines(brief),
                 "brief-technology", _("No technology or innovation indicator has data for this region.")),
        _section(_("Top specialisations (location quotients and patent intensity, each with its EU reference)"), specialisation_lines(brief), "brief-specialisation",
                 _("No location quotient is available for this region.")),
        _section(_("Regions with the most similar specialisation"), similar_lines(brief), "brief-similar",
                 _("Computed for NUTS 2 regions with every employment group.")),
        _section(_("S3 evidence by domain (%(subject)s)") % {"subject": brief.s3_subject or _("NUTS 2 only")}, s3_lines(brief), "brief-s3",
                 _("S3 evidence scores are computed for NUTS 2 regions.")),
        _section(_("Suggested partners for the weakest domain"), partner_lines(brief), "brief-partners", _("None.")),
        _section(_(MONEY_HEADING), brief.money, "brief-money", _("The ESIF 2014–2020 data are not in this data layer.")),
        _section(_("Technology centres in this region (EDIH catalogue, 2025)"), hub_lines(brief), "brief-hubs",
                 _("No hub of the EDIH catalogue is located in this region.")),
        _section(_("Nearest hubs beyond the border offering what the region is weakest in"),
                 weakest_lines(brief) + nearby_lines(brief), "brief-hubs-nearby",
                 _("No linked technology-uptake figure for this region.")),
        _section(_("Data notes"), brief.notes, "brief-notes", ""),
        _section(_("Sources and licences"), sources, "brief-sources", ""),
    ], className="atlas-brief", id="brief")
