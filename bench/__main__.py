"""All benchmarks in one command: ``python -m bench`` (data build, serving, map updates, downloads)."""

from bench import build, downloads, map_updates, serve

for title, module in (("Data build", build), ("Serving (gunicorn)", serve), ("Map updates", map_updates),
                      ("Downloads", downloads)):
    print(f"\n== {title} ==")
    module.main()
