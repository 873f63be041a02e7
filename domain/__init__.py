"""What the atlas knows, without Dash or Flask: views, classification, profiles, specialisation, S3 scoring.

Every surface (pages, API, downloads, exports, the meeting pack) calls these plain functions, so a rule is
written once and tests call it without a browser or a server.
"""
