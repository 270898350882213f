"""The importer: a printed page's text becomes item files in content/.

One module per job: ``blocks`` (page text → lines with their numbers); the
named layout rules, ``titles`` (titles, titles over two lines, subtitles),
``bylines`` (names, roles, credit marks, the dateline 本报讯), ``captions``
(photo captions and their credits) and ``paragraphs`` (where a sentence ends,
paragraphs broken by columns); ``layout`` (the page walk that applies those
rules and writes the notes to the editor); ``places`` and ``topics``
(metadata suggested for the editor), ``items`` (a page's items as
content-model fields), ``writer`` (files, all-or-nothing), ``run`` (the
`invoke import-page` command) and ``report`` (what the editor reads).
"""
