"""What each output file of a build was made from, stored with the build.

The manifest lives inside the output (``.build/pages.json``) so that it is
published, swapped and deleted together with the files it describes: it can
never describe a different build than the one beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

LOCATION = Path(".build") / "pages.json"
VERSION = 1


class Manifest:
    def __init__(self, previous_output: Path):
        self.previous: dict[str, dict] = {}
        try:
            stored = json.loads((previous_output / LOCATION).read_text(encoding="utf-8"))
            if stored.get("version") == VERSION:
                self.previous = stored["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass
        self.current: dict[str, dict] = {}

    def keep(self, name: str, entry: dict) -> None:
        self.current[name] = entry

    def record(self, name: str, digest: str, reads: list[str]) -> None:
        self.current[name] = {"digest": digest, "reads": reads}

    def save(self, output: Path) -> None:
        target = output / LOCATION
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"version": VERSION, "files": self.current}, ensure_ascii=False, sort_keys=True, indent=0),
            encoding="utf-8",
        )
