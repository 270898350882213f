"""The importer: a printed page's text becomes item files in content/.

One module per job: ``blocks`` (page text → lines with their numbers),
``layout`` (the named rules that find titles, bylines, captions and broken
paragraphs), ``places`` and ``topics`` (metadata suggested for the editor),
``items`` (a page's items as content-model fields), ``writer`` (files,
all-or-nothing), ``run`` (the `invoke import-page` command) and ``report``
(what the editor reads).
"""
