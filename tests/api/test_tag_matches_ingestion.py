"""POST /tag reads the sentences ingestion reads: the same text gives the same mentions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.schemas import TagIn
from timeline.extract.parse import MAX_CHARS, pipeline

# The first sentence's plan ("will") and the titles' periods are where a tagger with its own
# sentence splitter could part ways with the parse.
TEXT = (
    "The envoys will meet Gen. Lee in Geneva. Talks on Friday, then a vote.\n\n"
    "The U.S. embassy said on Monday that it will reopen next week."
)


def test_tag_and_ingestion_give_the_same_mentions(client: TestClient) -> None:
    tagged = client.post("/tag", json={"text": TEXT, "published": "2017-11-14"})
    assert tagged.status_code == 200, tagged.text
    stored = client.post(
        "/documents", json={"text": TEXT, "published": "2017-11-14", "source": "X"}
    )
    assert stored.status_code == 201, stored.text
    assert tagged.json()["time_mentions"] == stored.json()["time_mentions"]
    found = [(m["text"], m["value"]) for m in tagged.json()["time_mentions"]]
    assert found == [("Friday", "2017-11-10"), ("Monday", "2017-11-13"), ("next week", "2017-W47")]


def test_tag_takes_no_longer_text_than_the_parser() -> None:
    assert pipeline().max_length == MAX_CHARS
    TagIn(text="x" * MAX_CHARS, published="2017-11-14")
    with pytest.raises(ValidationError, match="at most 1000000 characters"):
        TagIn(text="x" * (MAX_CHARS + 1), published="2017-11-14")
