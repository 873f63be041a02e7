"""Plotly figure builders shared by the interactive pages and the static exports (no Dash UI imports)."""
