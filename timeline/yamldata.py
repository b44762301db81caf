"""Reading the YAML data files (rules, lexicons, gazetteers): one loader for all of them.

libyaml's C parser, where PyYAML was built with it, reads them about ten times faster
than the pure-Python one: the difference between a service whose first request builds
its grammar in 0.5 s and one that starts ready. Both are the safe loaders (no tags that
build objects)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str | IO[str]) -> Any:
    """The data of a YAML document, read safely."""
    return yaml.load(text, Loader=_LOADER)
