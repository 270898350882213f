"""An unnamed file beside the index, for bytes a cold job makes early and reads back only at its end.

Held in memory, they were much of the job's peak: the postings of every term until
Whoosh writes its segment (segment.Postings), and each item's text and
first piece from the moment Pelican read the item until the index and the
record files are written (prepare.Preparations). The file has no name from
the start (tempfile.TemporaryFile), so nothing is left behind, whatever
happens to the job.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class SetAside:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)
        self._size = 0
        self._flushed = 0

    def put(self, data) -> int:
        """Where ``data`` (bytes or an array) starts in the file."""
        at = self._size
        view = memoryview(data)
        self._file.write(view)
        self._size += view.nbytes
        return at

    def get(self, at: int, size: int) -> bytes:
        if self._flushed != self._size:  # the segment reads every term's postings back, a few reads each
            self._file.flush()
            self._flushed = self._size
        data = os.pread(self._file.fileno(), size, at)
        if len(data) != size:
            raise OSError(f"search index: short read of the job's set-aside file ({len(data)} of {size} bytes)")
        return data

    def close(self) -> None:
        self._file.close()
