"""The order of items in every listing: newest first, then by slug.

Items of one printed page share a date; without a second key their order
would follow the file system's, and two builds could differ.
"""


def newest_first(item):
    return (-item.date.timestamp(), item.slug)
