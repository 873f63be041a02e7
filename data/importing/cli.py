"""Add a list to the built layer for all users: ``python -m data.import {clusters|priorities|indicator} FILE
--source "..." --licence "..." [--mapping mapping.yaml] [--unit "..."] [--label "..."] [--sheet NAME]``.

Validates and locates exactly as the browser wizard does (NUTS code, postcode, coordinates, town + country via
GeoNames, region name; the same parsing budget), prints the report summary, writes the located rows
with their provenance to ``<layer>/imports/`` and the full per-row report beside them. On its next load the layer
adds imported indicators to the catalogue (theme "Imported") and imported cluster or priority lists to the
Clusters and Strategies pages, for every user; the Sources page lists every import. A running server shows it
after a restart (the layer is loaded once per process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from data.importing import KINDS, LOCATE_SECONDS, ImportError_, auto_mapping, import_table, read_table, result_json
from data.layer import LayerMissingError, get_layer
from data.yaml_files import load_yaml


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("file", type=Path)
    parser.add_argument("--source", required=True, help="who published the list (shown with every figure)")
    parser.add_argument("--licence", required=True, help="licence of the list")
    parser.add_argument("--mapping", type=Path, help="YAML: field -> column name (default: matched automatically)")
    parser.add_argument("--unit", default="", help="unit of the values (indicator lists)")
    parser.add_argument("--label", default="", help="name of the indicator (indicator lists; default: the file name)")
    parser.add_argument("--sheet", default=None, help="XLSX sheet (default: the first)")
    parser.add_argument("--seconds", type=float, default=LOCATE_SECONDS,
                        help=f"time budget for locating the rows (default {LOCATE_SECONDS} s, as on the server)")
    args = parser.parse_args(argv)
    try:
        layer = get_layer()
        frame = read_table(args.file.read_bytes(), args.file.name, sheet=args.sheet)
        mapping = auto_mapping(frame, args.kind)
        if args.mapping:
            mapping.update(load_yaml(args.mapping) or {})
        result = import_table(frame, args.kind, mapping, layer.regions, layer_path=str(layer.path),
                              seconds=args.seconds)
    except ImportError_ as exc:
        print(f"Import refused ({exc.code}): {exc}", file=sys.stderr)
        return 1
    except (OSError, LayerMissingError) as exc:
        print(f"Import refused: {exc}", file=sys.stderr)
        return 1
    out = layer.path / "imports"
    out.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{args.kind}-{args.file.stem}".lower()).strip("-")
    payload = json.loads(result_json(result, args.source, args.licence, args.unit,
                                                args.label or args.file.stem))
    payload.update({"file": args.file.name, "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "mapping": mapping})
    (out / f"{slug}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    result.report.to_csv(out / f"{slug}.report.csv", index=False)
    print(json.dumps(result.summary, indent=1))
    print(f"Written {out / (slug + '.json')} ({len(result.rows)} located rows) and its report.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
