"""Accessibility statement, as the EU Web Accessibility Directive (2016/2102, Art. 7) and its model statement
(Implementing Decision 2018/1523) require: conformance status, what is not accessible and why, how the statement was
prepared, how to give feedback, and the enforcement procedure. Linked from every page's footer (``footer=True``).

The operator of an installation names the contact and the national enforcement body with the settings
``ATLAS_ACCESSIBILITY_CONTACT`` (an e-mail address or a web address) and ``ATLAS_ACCESSIBILITY_ENFORCEMENT`` (the
address of the enforcement body of the country whose public body publishes the site)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from dash import html

from components.layout import page_header
from components.words import sentence
from data.settings import settings
from domain.i18n import N_, babel_locale
from domain.i18n import gettext as _
from web.pages import Capabilities, register_page

register_page(__name__, Capabilities(footer=True), path="/accessibility", name=N_("Accessibility statement"),
              title=N_("Cluster Atlas — Accessibility statement"))

PREPARED = dt.date(2026, 12, 7)
STANDARD = "WCAG 2.1 level AA (EN 301 549 V3.2.1, clauses 9, 10 and 11)"

# What does not meet WCAG 2.1 AA, in the words a reader needs: what, why (criterion), and the way around it.
KNOWN_LIMITS: tuple[tuple[str, str], ...] = (
    (N_("PowerPoint slides and the maps inside the documents."),
     N_("The region brief, meeting pack and single-map PDFs are tagged and titled, with the map as a figure "
     "with a text alternative and the charts as data tables; they were checked with pdfinfo and pypdf, not with a "
     "full PDF/UA validator. The PowerPoint slides carry a description on each picture and real text, but their "
     "reading order has not been tested with a screen reader (1.3.2). Every figure in them is on the web pages too: "
     "the region brief page, the map's Table tab and the downloads in CSV and Excel.")),
    (N_("Pictures of maps outside the browser (PNG, SVG and PDF exports, the meeting pack, PowerPoint slides, the "
        "slide show)."),
     N_("'No data' is a plain grey there, without the hatching the maps on the pages have (1.4.1); the legend names it "
     "and every value is in the CSV and Excel downloads.")),
    (N_("Neighbouring colour classes of a map."),
     N_("The palettes are colour-blind safe, but two neighbouring classes differ by less than 3:1 (1.4.11): a sequential "
     "scale cannot give 3:1 between each of five or more steps. The sentence under each map gives the highest and "
     "lowest region and the classes, and the Table tab lists every value with its rank.")),
    (N_("Choosing a region on the map itself."),
     N_("Clicking a region, the map's hover text and its zoom need a pointer (2.1.1). With the keyboard, 'Find a region' "
     "(then 'Skip to the region profile'), the Table tab (arrow keys; Space selects a row) and the region profile's "
     "breadcrumb reach every region and every value.")),
    (N_("The names of dropdown lists depend on JavaScript."),
     N_("Dash's dropdown names its button by its value only; a script of this site names it by its label (4.1.2). The "
     "site needs JavaScript anyway.")),
    (N_("Lists you import."),
     N_("The names, columns and texts of a list you upload are shown as they are in your file; we cannot check that "
     "they make sense to a screen-reader user.")),
    (N_("Not yet tested with people who use assistive technology."),
     N_("The checks below are automated and keyboard-only runs in Chromium; no test with NVDA, JAWS, VoiceOver or "
     "TalkBack users has been done yet, so problems they would meet may be missing from this list.")),
)

TESTED = (
    N_("axe-core 4.10 on every page: no serious or critical violation (tests/browser/test_accessibility_browser.py)."),
    N_("A keyboard-only run of the main journey in headless Chromium (pick an indicator, a level and a year, search a "
    "town, read the profile, the table, add the view to the storyboard, present, leave, download), checking after "
    "each step where the focus is and that its ring is visible (tests/browser/test_keyboard_journey_browser.py)."),
    N_("The accessible name of every control read from Chromium's accessibility tree: none is unnamed or named by its "
    "value alone."),
    N_("The contrast of the focus ring and of the map's no-data hatching and coastline against their neighbours, "
    "computed from the site's style sheet and the map's colours (tests/unit/test_accessibility_colours.py)."),
    N_("Every page looked at at 1440 × 900, 390 × 844 and 320 px wide."),
)


def _contact() -> list:
    contact = settings().accessibility_contact.strip()
    if not contact:
        return [_("The operator of this installation has not named a contact yet (setting "
                  "ATLAS_ACCESSIBILITY_CONTACT). Until it does, this statement does not meet the Directive's "
                  "requirement of a feedback mechanism.")]
    href = contact if contact.startswith(("https://", "http://")) else f"mailto:{contact}"
    return sentence(_("Tell us about any problem, or ask for a figure or document in an accessible form: "
                      "%(contact)s. We answer within 10 working days; a requested figure or document is sent within "
                      "30 days."), contact=html.A(contact, href=href, id="accessibility-contact"))


def _enforcement() -> list:
    body = settings().accessibility_enforcement.strip()
    if body.startswith(("https://", "http://")):
        return sentence(_("If our answer does not satisfy you, or we do not answer, you can turn to the enforcement "
                          "body of the country whose public body publishes this site (Directive (EU) 2016/2102, "
                          "Article 9): %(body)s."), body=html.A(body, href=body, id="accessibility-enforcement"))
    return [_("If our answer does not satisfy you, or we do not answer, you can turn to the enforcement body of the "
              "country whose public body publishes this site (Directive (EU) 2016/2102, Article 9). The operator of "
              "this installation has not named it yet (setting ATLAS_ACCESSIBILITY_ENFORCEMENT).")]


def layout(**_query) -> html.Div:
    prepared = format_date(PREPARED, format="long", locale=babel_locale())
    return html.Div([
        page_header(_("Accessibility statement"),
                    _("Cluster Atlas is meant to be usable by everyone, including people who use a keyboard only, a "
                      "screen reader, magnification or their own colours.")),
        html.H2(_("Conformance status"), className="h5 mt-3"),
        html.P(sentence(_("This site is %(status)s with %(standard)s: the parts listed below do not yet meet it."),
                        status=html.Strong(_("partially conformant")), standard=STANDARD), id="accessibility-status"),
        html.H2(_("What is not accessible"), className="h5 mt-3"),
        html.Ul([html.Li([html.Strong(_(what)), " ", _(why)]) for what, why in KNOWN_LIMITS], id="accessibility-limits"),
        html.H2(_("How this statement was prepared"), className="h5 mt-3"),
        html.P(_("Self-assessment by the developers on %(date)s, with these checks, which run with every change of "
                 "the site:") % {"date": prepared}),
        html.Ul([html.Li(_(item)) for item in TESTED]),
        html.P(_("No third-party audit has been made.")),
        html.H2(_("Feedback and contact"), className="h5 mt-3"),
        html.P(_contact(), id="accessibility-feedback"),
        html.H2(_("Enforcement procedure"), className="h5 mt-3"),
        html.P(_enforcement()),
        html.P(_("Statement prepared on %(date)s.") % {"date": prepared}, className="text-muted small"),
    ])
