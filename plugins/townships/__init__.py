"""townships: the township taxonomy, checked against the gazetteer.

Like Hugo's taxonomies, township pages come from item metadata, never from a
hand-kept list: one paginated page and Atom feed per township that has items,
and a directory of every county and township (the ones without items are
listed, not linked). Unknown or misplaced names stop the build with advice.

Signals:
- initialized: default URL settings (TOWNSHIP_URL and friends).
- article_generator_pretaxonomy: check Category and Townships of every item,
  turn township names into Township objects.
- get_generators: the TownshipsGenerator that writes the pages and feeds.
"""

from __future__ import annotations

from pelican import signals

from .generator import TownshipsGenerator
from .places import check_and_link_places

DEFAULTS = {
    "TOWNSHIP_URL": "township/{slug}/",
    "TOWNSHIP_SAVE_AS": "township/{slug}/index.html",
    "TOWNSHIPS_URL": "township/",
    "TOWNSHIPS_SAVE_AS": "township/index.html",
    "TOWNSHIP_FEED_ATOM": "feeds/township/{slug}.atom.xml",
}


def add_defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def get_generators(_pelican):
    return TownshipsGenerator


def register():
    signals.initialized.connect(add_defaults)
    signals.article_generator_pretaxonomy.connect(check_and_link_places)
    signals.get_generators.connect(get_generators)
