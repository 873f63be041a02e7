"""Static exports (PNG, SVG, PDF) of a view, and the meeting pack PDF, rendered server-side with kaleido."""
