"""Validate all content the way a build does, without writing anything.

It runs Pelican's own article and page readers with the project's checking
plugins, so `invoke check` can never disagree with `invoke build`.
"""

from __future__ import annotations

import tempfile

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings

from newsarchive import problems

# The plugins that read and judge content; the ones that write are left out.
# linear_listings judges nothing, but without it Pelican's period archives
# cost items × items: at 50,000 items a check took 65 s, 38 of them there.
CHECKING_PLUGINS = ("content_guard", "townships", "linear_listings")


def check(settings_file: str = "pelicanconf.py", content: str | None = None):
    """The report and the item generators; raises BuildFailed if any file has an error."""
    override = {}
    if content:
        override["PATH"] = content
    settings = read_settings(settings_file, override=override or None)
    settings["PLUGINS"] = [p for p in settings["PLUGINS"] if p in CHECKING_PLUGINS]
    pelican = Pelican(settings)
    signals.get_generators.send(pelican)  # starts a build: a fresh report
    report = problems.current()
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl="")
    with tempfile.TemporaryDirectory() as scratch:
        generators = [
            cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme, output_path=scratch)
            # StaticGenerator only lists STATIC_PATHS here (it copies when
            # writing): a file the build publishes as it is (a robots.txt)
            # was told it is not published
            for cls in (ArticlesGenerator, PagesGenerator, StaticGenerator)
        ]
        for generator in generators:
            generator.generate_context()
    # The same signal a build sends before writing: content_guard's
    # cross-item checks run, and raise if anything is wrong.
    signals.all_generators_finalized.send(generators)
    return report, generators
