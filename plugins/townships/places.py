"""Checking each item's county and townships against the gazetteer."""

from __future__ import annotations


from pelican.urlwrappers import URLWrapper

from newsarchive import gazetteer, problems


class Township(URLWrapper):
    """A township of the gazetteer; URL settings are TOWNSHIP_URL / TOWNSHIP_SAVE_AS."""

    def __init__(self, name, settings):
        super().__init__(name, settings)
        division = gazetteer.load().townships[name]
        self.slug = division.slug
        self.division = division

    @property
    def county(self) -> str:
        return self.division.county


def check_and_link_places(generator):
    places = gazetteer.load()
    report = problems.current()
    items = (
        list(generator.articles)
        + list(generator.translations)
        + list(generator.drafts)
        + list(generator.hidden_articles)
    )
    for item in items:
        path = item.source_path
        lines = getattr(item, "meta_lines", {})
        county = str(getattr(item, "category", "") or "")
        problem = places.county_problem(county)
        if problem:
            report.error(path, lines.get("category"), problem)
            county = None
        linked = []
        for name in getattr(item, "townships", []) or []:
            name = str(name)
            problem = places.township_problem(name, county)
            if problem:
                report.error(path, lines.get("townships"), problem)
            else:
                linked.append(Township(name, generator.settings))
        item.townships = linked
