"""The architecture picture in docs/architecture.md is the one the code's imports give (`make graph` writes it)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import import_graph  # noqa: E402


def test_architecture_diagram_matches_the_imports():
    written = import_graph.current_block(import_graph.DOC.read_text(encoding="utf-8"))
    assert written == import_graph.block(), "docs/architecture.md is stale: run `make graph`"


def test_diagram_counts_real_edges():
    edges = import_graph.package_edges()
    assert edges[("domain", "data")] > 0 and ("data", "domain") not in edges, "the pipeline imports nothing above it"
