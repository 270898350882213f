"""reproducible_output: two builds of the same content give the same bytes.

Hosts and CDNs re-upload only what changed, and an archive's pages should
not change just because they were rebuilt. The one clock Pelican's plugins
read is pelican-sitemap's: listing pages get `lastmod` = build time. Here it
is the date of the newest item instead, which is when listings last changed.

Signal: all_generators_finalized (before the sitemap is written in finalized).
"""

from __future__ import annotations

from pelican import signals


def pin_sitemap_clock(generators):
    try:
        from pelican.plugins.sitemap import sitemap  # noqa: PLC0415
    except ImportError:
        return
    dates = [
        getattr(item, "modified", None) or item.date
        for generator in generators
        for item in getattr(generator, "articles", [])
    ]
    if dates:
        sitemap.generator.now = max(dates)


def register():
    signals.all_generators_finalized.connect(pin_sitemap_clock)
