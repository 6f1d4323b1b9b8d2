"""Infrastructure below every feature: the shared Redis cache client, the
embedded channel layer, the database thread of sockets, rate-limit counting,
the groups that close sockets, SQLite's checkpointer, the limits on what people
write, and the fences around private APIs of upstream libraries (`upstream/`).

It imports no other package of the project (tests/test_import_layers.py). Not a
Django app: it has no models, templates, signals or commands.
"""
