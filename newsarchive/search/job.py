"""The search build as a worker process runs it.

The build's own process imports only this module; Whoosh, numpy and
BeautifulSoup are imported where the work is done.
"""

from __future__ import annotations


def warm_up() -> None:
    """Import the job's modules in a worker started early, while Pelican reads the content."""
    from . import build, bulk  # noqa: F401


def run(*args) -> dict:
    from . import build

    return build.run(*args)
