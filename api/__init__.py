"""JSON API served by the app's Flask server (``/api/...`` and ``/healthz``)."""
