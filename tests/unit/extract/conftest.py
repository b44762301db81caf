from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()
