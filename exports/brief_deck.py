"""The region brief as editable slides: the same lines as the PDF brief, as text boxes."""

from __future__ import annotations

import datetime as dt

from data.layer import Layer
from domain.brief import RegionBrief
from exports.deck import Deck, DeckSource, SlideContent
from figures.brief_pages import (
    country_lines,
    hub_lines,
    identity_lines,
    nearby_lines,
    own_technology,
    partner_lines,
    s3_text,
    similar_lines,
    specialisation_text,
    subtitle,
    technology_text,
    weakest_lines,
)


def brief_deck(layer: Layer, brief: RegionBrief, link: str) -> Deck:
    """Cover, identity, technology profile, specialisation, S3 evidence, notes; sources on the closing slide."""
    head = f"{brief.name} ({brief.nuts_id})"
    slides = [
        SlideContent(title=head, subtitle=subtitle(brief), body=identity_lines(brief), link=link),
        SlideContent(title=f"{head}: technology and innovation profile",
                     subtitle="Value, year, rank among peers with data, source",
                     body=[f"{i['label']}: {technology_text(i)}" for i in own_technology(brief)] + country_lines(brief),
                     link=link),
        SlideContent(title=f"{head}: specialisation", subtitle="Location quotients (1 = EU average) and regions like it",
                     body=[f"{s['label']}: {specialisation_text(s)}" for s in brief.specialisation] + [""]
                     + similar_lines(brief), link=link),
        SlideContent(title=f"{head}: S3 evidence", subtitle=f"Domain scores of {brief.s3_subject or 'no NUTS 2 region'} "
                     "(mean percentile among NUTS 2 regions; 75 or more = strong)",
                     body=[f"{r['domain']}: {s3_text(r) if r['score'] is not None else 'no data'}" for r in brief.s3]
                     + [""] + partner_lines(brief), link=link),
        SlideContent(title=f"{head}: technology centres", subtitle="EDIH catalogue (export of 5 May 2025)",
                     body=(hub_lines(brief) or ["No hub of the catalogue is located in this region."]) + [""]
                     + weakest_lines(brief) + nearby_lines(brief), link=link),
        SlideContent(title="Data notes", subtitle=head, body=brief.notes, link=link),
    ]
    sources = [DeckSource(s.title, s.citation, f"{s.licence} ({s.licence_url})", s.landing_page)
               for s in (layer.sources[i] for i in brief.source_ids)]
    return Deck(title=f"Region brief: {head}", subtitle=f"Prepared with Cluster Atlas, {dt.date.today().isoformat()}",
                slides=slides, sources=sources)
