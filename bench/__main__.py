"""All benchmarks in one command: ``python -m bench`` (data build, serving, map updates, downloads, hostile traffic)."""

from bench import build, documents, downloads, first_load, hostile, map_updates, misses, serve

for title, module in (("Data build", build), ("Serving (gunicorn)", serve), ("First load (Chromium, gzip)", first_load), ("Map updates", map_updates),
                      ("Cost of a miss (one thread, no server)", misses),
                      ("Downloads", downloads), ("Meeting documents (brief, slides)", documents), ("Hostile traffic: slow clients, export burst", hostile)):
    print(f"\n== {title} ==")
    module.main()
