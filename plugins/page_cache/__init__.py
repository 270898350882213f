"""page_cache: render only the pages whose inputs changed since the last build.

Pelican's own content cache skips Markdown parsing, but every page is still
rendered and written, which is most of a build. Here each output file
carries a digest of what it is made from (see writer.py); an unchanged page
is hard-linked from the live output instead of rendered. A change to the
settings, the theme or the project's code renders everything again.

Signals:
- get_writer: the CachingWriter, with this build's state (site digest,
  last build's manifest).
- article_generator_finalized: item URLs are fixed from here on; keeping
  them (url, and save_as as ``frozen_save_as``) saves Pelican recomputing
  each one several times per build.
- get_writer (after that): unchanged items get their listing cards back
  from the last build (cards.py).
- finalized: the manifest of this build is saved into the output, before
  atomic_publish swaps it in (so this plugin must come before atomic_publish),
  and the listing cards with the build's caches.
"""

from __future__ import annotations

import logging
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.contents import Article

from . import cards, state
from .writer import CachingWriter

logger = logging.getLogger(__name__)

# The items of the build under way (listed ones have cards) and the cards
# loaded for them, by id(settings).
_items: dict[int, list] = {}
_loaded_cards: dict[int, dict] = {}


def get_writer(pelican):
    current = state.begin(pelican.settings)
    items = _items.get(id(pelican.settings), [])
    _loaded_cards[id(pelican.settings)] = cards.give_back(items, pelican.settings, current.site_digest)
    return CachingWriter


def _url_and_save_as(item) -> tuple[str, str]:
    """item.url and item.save_as, as Pelican 4.12's Article gives them.

    Pelican builds url_format (a copy of the metadata, slugs and path) anew
    for each of the two: building it once is a tenth of a second per build
    at 5,000 items. The setting names follow Article._expand_settings
    (DRAFT_… for drafts) and Content.get_url_setting (…LANG_… for
    translations); tests/test_page_cache_urls.py holds this to Pelican's own.
    """
    if not isinstance(item, Article) or hasattr(item, "override_url") or hasattr(item, "override_save_as"):
        return item.url, item.save_as
    klass = "DRAFT" if item.status == "draft" else "ARTICLE"
    key = f"{klass}_{'' if item.in_default_lang else 'LANG_'}"
    fmt = item.url_format
    return str(item.settings[key + "URL"]).format(**fmt), str(item.settings[key + "SAVE_AS"]).format(**fmt)


def freeze_urls(generator):
    _items[id(generator.settings)] = list(generator.articles)
    for item in chain(generator.articles, generator.translations, generator.drafts, generator.hidden_articles):
        url, save_as = _url_and_save_as(item)
        if not hasattr(item, "override_url"):
            item.override_url = url
        # Not override_save_as: to Pelican's writer that means "may overwrite".
        item.frozen_save_as = save_as


def save_manifest(pelican):
    if state.current is not None:
        state.current.manifest.save(Path(pelican.output_path))
        key = id(pelican.settings)
        cards.save(_items.pop(key, []), pelican.settings, state.current.site_digest, _loaded_cards.pop(key, {}))
        state.current = None


def register():
    signals.get_writer.connect(get_writer)
    signals.article_generator_finalized.connect(freeze_urls)
    signals.finalized.connect(save_manifest)
