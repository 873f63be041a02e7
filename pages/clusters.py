"""Clusters: where Europe's industrial and research strengths are, computed from real data."""

import dash_bootstrap_components as dbc
from dash import html

from components.explorer_page import page_explorer
from components.headlines import SEED_QUOTES, quote_card
from components.ids import page_ids
from components.layout import page_header, page_notice
from components.organisations import organisations_section, register_organisations
from components.words import sentence
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.view import ViewScope
from kinds import MAP
from web.pages import Capabilities, register_page

PREFIX = "clusters"
IDS = page_ids(PREFIX)
THEMES = ("specialisation",)
SCOPE = ViewScope(default_indicator="lq_emp_hightech_medhightech_manuf", themes=THEMES)
register_page(__name__, Capabilities(nav=True, summary=N_("where industrial and research strengths are."), kind=MAP,
                                    downloadable=True, exportable=True, in_pack=True, view_scope=SCOPE),
              path="/clusters", name=N_("Clusters"), title=N_("Cluster Atlas — Clusters"), order=2)


def method_note() -> dbc.Accordion:
    return dbc.Accordion([dbc.AccordionItem([
        html.P(sentence(_("A %(lq)s divides a region's share of employment in a sector group (or its AI share of "
                          "research preprints, or its patents per inhabitant) by the same share for the EU. LQ 1 = as "
                          "specialised as the EU; 2 = twice as concentrated. The EU share is the aggregate the source "
                          "publishes (EU27 in Eurostat tsc00011 for high & medium-high tech manufacturing and "
                          "knowledge-intensive services; EU28 in htec_emp_reg2 for the other groups, which publishes no "
                          "EU27 aggregate), or is computed from the real counts of the 27 EU countries (AI preprints, "
                          "patents) — never an average of regions."),
                        lq=html.Strong(_("location quotient (LQ)")))),
        html.P(sentence(_("Stars follow the European Cluster Observatory idea, using only what the data supports: a "
                          "%(specialisation)s star for LQ ≥ 2; a %(focus)s star when the sector group's share of the "
                          "region's employment is in the top 10 %% of regions; a %(size)s star (AI research, patents "
                          "only) when the count is in the top 10 %%. Employment data are shares, not head counts, so "
                          "employment groups have no size star."),
                        specialisation=html.Strong(_("specialisation")), focus=html.Strong(_("focus")),
                        size=html.Strong(_("size")))),
        html.P(_("The AI research LQ exists only for 2020, the one year in which the source lists all 27 EU countries. "
                 "Employment data come from the Industry 4.0 readiness data set (Honti et al. 2020, Eurostat "
                 "htec_emp_reg2), 2008–2018, NUTS 2; patents from Eurostat pat_ep_rtot up to 2012.")),
    ], title=_("Method: location quotients and stars"))], start_collapsed=True, className="mb-3", id="clusters-method")


def layout(**query) -> html.Div:
    return html.Div([
        page_header(_("Where Europe's industrial and research strengths are"),
                    _("Specialisation of regions by sector group, AI research and patenting (location quotients and "
                      "cluster stars). Click a region for its specialisation profile and the regions most like it.")),
        method_note(),
        page_explorer(PREFIX, query, SCOPE, themes=THEMES, specialisation=True),
        html.H2(_("Cluster organisations"), className="h5 mt-2"),
        page_notice([
            html.P(_("No machine-readable EU-wide list of cluster organisations is available to this atlas, so no "
                     "cluster points are shown until you load one — none are invented."), className="mb-1"),
            html.P(sentence(_("The official directory is the European Cluster Collaboration Platform (ECCP), %(site)s. "
                              "Load an ECCP export or a national register on the %(import)s; its organisations are "
                              "then drawn on the map above, with counts per region here."),
                            site=html.A("clustercollaboration.eu", href="https://clustercollaboration.eu",
                                        rel="noopener"),
                            **{"import": html.A(_("Import page"), href="/import")}), className="mb-0"),
        ], color="info", id=IDS("empty-state")),
        organisations_section(IDS),
        dbc.Row([dbc.Col(quote_card(text, who), xs=12, md=6, className="mb-3") for text, who in SEED_QUOTES]),
    ])


register_organisations(IDS)
