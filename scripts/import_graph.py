"""Write the package dependency graph of the code, from its real imports, into docs/architecture.md.

`make graph` runs it; a unit test fails when the diagram in the docs is not the one the code gives, so the picture
of the architecture cannot drift from the imports. Edges are labelled with the number of module-to-module imports.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import generated_block
import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pages", "components", "api", "downloads", "exports", "kinds", "web", "figures", "domain", "data")
DOC = ROOT / "docs" / "architecture.md"
START, END = "<!-- import-graph:start -->", "<!-- import-graph:end -->"


def package_edges() -> Counter[tuple[str, str]]:
    """(importer package, imported package) -> how many module imports cross that way (app.py, a module on top of
    them all, is left out)."""
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    edges: Counter[tuple[str, str]] = Counter()
    for module in graph.modules:
        source = module.split(".")[0]
        for imported in graph.find_modules_directly_imported_by(module):
            target = imported.split(".")[0]
            if source != target:
                edges[(source, target)] += 1
    return edges


def mermaid(edges: Counter[tuple[str, str]]) -> str:
    lines = ["```mermaid", "flowchart TD"]
    for (source, target), count in sorted(edges.items(), key=lambda e: (PACKAGES.index(e[0][0]), PACKAGES.index(e[0][1]))):
        lines.append(f"  {source} -->|{count}| {target}")
    lines.append("```")
    return "\n".join(lines)


def block() -> str:
    return f"{START}\n{mermaid(package_edges())}\n{END}"


def current_block(text: str) -> str | None:
    return generated_block.current_block(text, START, END)


def main() -> int:
    return generated_block.write_block(DOC, block(), START, END)


if __name__ == "__main__":
    raise SystemExit(main())
