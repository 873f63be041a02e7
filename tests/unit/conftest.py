"""The unit tier: domain functions on a tiny synthetic layer (``tiny.py``), no real data, server or browser."""

from __future__ import annotations

import pytest
from tiny import build_tiny_layer

from data.layer import Layer


@pytest.fixture(scope="session")
def tiny_layer() -> Layer:
    return build_tiny_layer()
