"""All benchmarks in one command: ``python -m bench`` (data build, serving, map updates, downloads, hostile traffic)."""

from bench import build, downloads, hostile, map_updates, serve

for title, module in (("Data build", build), ("Serving (gunicorn)", serve), ("Map updates", map_updates),
                      ("Downloads", downloads), ("Hostile traffic: slow clients, export burst", hostile)):
    print(f"\n== {title} ==")
    module.main()
