"""The threshold of the NUTS recoding that the running app cites (the Sources page, the notes of carried values).

The pipeline (``data/pipeline/recode.py``) applies it; it lives here so the app names the rule the build used
without importing the pipeline.
"""

SAME_TERRITORY_SHARE = 0.99
