"""The EU27 member states (NUTS country codes, EL for Greece): the pool for EU ranks, thresholds and shares."""

from __future__ import annotations

EU27 = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")
