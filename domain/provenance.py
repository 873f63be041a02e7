"""What every API answer and file says about where its numbers come from: the layer version and each source.

An analyst cites a figure by the layer that served it (its hash and build date) and by its source, with the
source's own data date (the publisher's release the layer was built from). One function per record, so the JSON
API, the files and the OpenAPI document spell them the same way.
"""

from __future__ import annotations

from data.layer import Layer
from data.layer.registry import Source

NUTS_VERSION = 2021
# Licences by the SPDX identifier of their text (https://spdx.org/licenses/); a licence with none (Eurostat's reuse
# policy, the Commission decision's own wording) keeps its name only and ``spdx`` is null.
SPDX_PREFIXES = (("CC BY 4.0", "CC-BY-4.0"), ("CC BY-SA 4.0", "CC-BY-SA-4.0"), ("CC0", "CC0-1.0"), ("MIT", "MIT"),
                 ("ODbL", "ODbL-1.0"))


def layer_version(layer: Layer) -> dict:
    """The version an answer was made from: cite it, or send it back as ``layer=`` to pin a later request."""
    return {"hash": str(layer.manifest["layer_hash"]), "built_at": str(layer.manifest["built_at"]),
            "nuts_version": NUTS_VERSION}


def spdx_id(licence: str) -> str | None:
    """The SPDX id of a licence named in the source registry, or None when the licence has none."""
    text = (licence or "").strip()
    return next((spdx for prefix, spdx in SPDX_PREFIXES if text.startswith(prefix)), None)


def source_record(source: Source) -> dict:
    """A source as every answer names it: title, citation, licence (with SPDX id) and its data date."""
    return {"id": source.id, "name": source.short_name, "title": source.title, "publisher": source.publisher,
            "citation": source.citation, "licence": source.licence, "licence_spdx": spdx_id(source.licence),
            "licence_url": source.licence_url or None, "url": source.landing_page or None,
            "data_date": str(source.published or "") or None, "accessed": str(source.accessed or "") or None}


def sources_of(layer: Layer, source_ids) -> list[dict]:
    """The records of the given sources (each once, in order), the NUTS boundaries always last."""
    ids = list(dict.fromkeys([*source_ids, "gisco_nuts_2021"]))
    return [source_record(layer.sources[i]) for i in ids if i in layer.sources]
