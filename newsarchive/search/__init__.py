"""Search over a built site's Whoosh index: schema, ranking, the engine and the editors' CLI.

The index is written by plugins/search_index at the end of every build; the
browser client (theme/static/js/search/) runs the same engine on its export.
"""
