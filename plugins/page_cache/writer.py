"""A Pelican Writer that renders a page only when something it shows has changed.

Each output file gets a digest of everything its bytes depend on: the site
(settings, theme, code) and the values of every name the template actually
read while rendering it the last time (recorded by a tracking dict): its own
arguments (the item with its neighbours, the items of this listing page)
and whatever it read from the shared context. If the digest equals the last build's and the file is in the
live output, the file is hard-linked from there into the staging folder
instead of rendered. Rendering is a function of the values it reads, so equal
reads give equal bytes.

The staging folder starts empty, so a rendered page is always a new file and
a linked page is never written through: the live site cannot change under a
reader's feet.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil

from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from newsarchive.feed_text import PlainTextFeeds

from . import state
from .digest import Undigestable, digest, item_page_digest, update
from .manifest import Manifest

logger = logging.getLogger(__name__)

# Whole lists handed to listing templates only for their length; the page
# shows its own slice (``articles_page``), which is digested item by item.
LIST_ARGUMENTS = {"articles", "dates", "all_articles"}


class TrackingDict(dict):
    """The template context, noting every top-level name the template looks up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


class CachingWriter(PlainTextFeeds, Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.state = state.current
        self.site = self.state.site_digest
        self.manifest: Manifest = self.state.manifest
        self.rendered = self.linked = 0
        self._value_digests: dict[tuple[str, int], str] = {}

    # --- pages ---------------------------------------------------------

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}

        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
            for number in range(next(iter(paginators.values())).num_pages):
                page_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    page = paginator.page(number + 1)
                    page_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                            f"{key}_next_page": paginator.page(number + 2) if number + 1 < paginator.num_pages else None,
                        }
                    )
                self._write_page(page.save_as, template, context, page_kwargs, relative_urls, override_output, True)
        else:
            self._write_page(name, template, context, kwargs, relative_urls, override_output, False)

    def _write_page(self, name, template, context, kwargs, relative_urls, override, paginated):
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)

        path = sanitised_join(self.output_path, name)
        entry = self.manifest.previous.get(name)
        if entry is not None:
            try:
                unchanged = self._digest(name, template, paginated, entry["reads"], kwargs, localcontext) == entry["digest"]
            except Undigestable:
                unchanged = False
            if unchanged and self._link_previous(name, path, override):
                self.manifest.keep(name, entry)
                self.linked += 1
                signals.content_written.send(path, context={k: kwargs[k] for k in ("article", "page") if k in kwargs})
                return

        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        tracking = TrackingDict(template.globals)
        tracking.update(localcontext)
        ctx = template.new_context(tracking, shared=True)
        try:
            output = template.environment.concat(template.root_render_func(ctx))
        except Exception:
            template.environment.handle_exception()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with self._open_w(path, "utf-8", override=override) as f:
            f.write(output)
        self.rendered += 1
        # Settings (upper case) are in the site digest already.
        reads = sorted(k for k in tracking.read if not k.isupper())
        try:
            self.manifest.record(name, self._digest(name, template, paginated, reads, kwargs, localcontext), reads)
        except Undigestable as e:
            logger.debug("page_cache: rendering %s every time (%s)", name, e)
        signals.content_written.send(path, context=localcontext)

    def _digest(self, name, template, paginated, reads, kwargs, localcontext) -> str:
        """What the page's bytes depend on: the site, and every name the template read."""
        h = hashlib.sha1(f"{self.site}|{name}|{template.name}|{paginated}".encode())
        for key in reads:
            update(h, key)
            if key in kwargs:
                self._argument(h, key, kwargs[key], paginated)
            elif key in localcontext:
                h.update(self._value_digest(key, localcontext[key]).encode())
            else:
                h.update(b"<missing>")
        return h.hexdigest()

    @staticmethod
    def _argument(h, key, value, paginated) -> None:
        if key in ("article", "page"):
            h.update(item_page_digest(value).encode())
        elif paginated and key in LIST_ARGUMENTS:
            update(h, len(value))  # the page shows its own slice, digested as *_page
        elif key.endswith(("_previous_page", "_next_page")):
            # the pager links to its neighbours; their items are not shown here
            update(h, None if value is None else (value.number, value.url))
        else:
            update(h, value)

    def _value_digest(self, key, value) -> str:
        # The same big value (all articles, the place directory) is read by
        # hundreds of pages; digest it once per build.
        memo_key = (key, id(value))
        found = self._value_digests.get(memo_key)
        if found is None:
            found = self._value_digests[memo_key] = digest(value)
        return found

    def _link_previous(self, name, path, override) -> bool:
        previous = self.state.previous_output / name
        if not previous.is_file():
            return False
        if not self._register(path, override):
            return True
        self._makedirs(os.path.dirname(path))
        try:
            os.link(previous, path)
        except OSError:  # another file system: copying is still cheaper than rendering
            shutil.copy2(previous, path)
        return True

    def _makedirs(self, folder) -> None:
        # thousands of pages share a few hundred folders: ask the disk once each
        made = self.__dict__.setdefault("_made", set())
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)

    def _register(self, filename, override) -> bool:
        """Pelican's overwrite rules (Writer._open_w) for a file we link instead of open."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously'
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    # --- feeds ---------------------------------------------------------

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False, feed_title=None):
        if not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        shown = list(elements[: self.settings["FEED_MAX_ITEMS"]])
        own = digest([self.site, *(self.settings.get(k) for k in sorted(state.FEED_SETTINGS)), "feed", path, url, feed_type,
                      feed_title, shown])
        entry = self.manifest.previous.get(path)
        complete_path = sanitised_join(self.output_path, path)
        if entry and entry["digest"] == own and self._link_previous(path, complete_path, override_output):
            self.manifest.keep(path, entry)
            self.linked += 1
            return None
        feed = super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        self.rendered += 1
        self.manifest.record(path, own, [])
        return feed

