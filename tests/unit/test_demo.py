from __future__ import annotations

from pathlib import Path

import pytest

from timeline.demo import DemoError, demo_drafts, read_front_matter
from timeline.settings import PROJECT_DIR


def test_every_demo_article_has_valid_front_matter() -> None:
    drafts = [draft for _, draft in demo_drafts(PROJECT_DIR / "demo", None)]
    assert len(drafts) >= 6
    assert len({d.source for d in drafts}) >= 5
    assert all(d.text.strip() and d.published.tzinfo for d in drafts)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("no front matter", "does not start"),
        ("---\nsource: X\n", "not closed"),
        ("---\nsource: X\n---\nbody", "lacks 'published'"),
        ("---\nsource: X\npublished: 2017-02-30\n---\nbody", "not a real date"),
    ],
)
def test_bad_front_matter_names_the_file(tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "01-bad.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DemoError, match=says) as error:
        read_front_matter(path)
    assert str(path) in str(error.value)
