"""Reusable layout pieces and figure builders; pure functions tests call directly."""
