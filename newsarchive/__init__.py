"""Shared code of the Jiaxing local-news archive: gazetteer, slugs, text rules.

The Pelican plugins in ``plugins/`` and the command-line tasks in ``tasks.py``
import from here, so every rule (what a township is called, how a title
becomes a URL) lives in exactly one place.
"""
