"""The region brief as editable slides: the same lines as the PDF brief, as text boxes."""

from __future__ import annotations

import datetime as dt

from data.layer import Layer
from domain.brief import RegionBrief
from exports.deck import Deck, DeckSource, SlideContent
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


def brief_deck(layer: Layer, brief: RegionBrief, link: str) -> Deck:
    """Cover, identity, technology profile, specialisation, S3 evidence, notes; sources on the closing slide."""
    head = f"{brief.name} ({brief.nuts_id})"
    slides = [
        SlideContent(title=head, subtitle=subtitle(brief), body=identity_lines(brief), link=link),
        SlideContent(title=f"{head}: technology and innovation profile",
                     subtitle="Value, year, rank among peers with data, source",
                     body=technology_lines(brief),
                     link=link),
        SlideContent(title=f"{head}: specialisation", subtitle="Location quotients (1 = EU average) and regions like it",
                     body=specialisation_lines(brief) + [""] + similar_lines(brief), link=link),
        SlideContent(title=f"{head}: S3 evidence", subtitle=f"Domain scores of {brief.s3_subject or 'no NUTS 2 region'} "
                     "(mean percentile among NUTS 2 regions; 75 or more = strong)",
                     body=s3_lines(brief) + [""] + partner_lines(brief), link=link),
        *([SlideContent(title=f"{head}: money behind the strategy", subtitle=MONEY_HEADING, body=brief.money,
                        link=link)] if brief.money else []),
        SlideContent(title=f"{head}: technology centres", subtitle="EDIH catalogue (export of 5 May 2025)",
                     body=(hub_lines(brief) or ["No hub of the catalogue is located in this region."]) + [""]
                     + weakest_lines(brief) + nearby_lines(brief), link=link),
        SlideContent(title="Data notes", subtitle=head, body=brief.notes, link=link),
    ]
    sources = [DeckSource.of(layer.sources[i]) for i in brief.source_ids]
    return Deck(title=f"Region brief: {head}", subtitle=f"Prepared with Cluster Atlas, {dt.date.today().isoformat()}",
                slides=slides, sources=sources)
