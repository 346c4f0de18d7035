"""Collaborations that grew from the arenas: the edges of the collaboration graph.

Above small wins; it answers the core's hooks in ``hooks.py`` (collaborations in the network's
pages, the copy of one's data, retention, merges). URLs: ``/collaborations/...`` (``views.py``,
blueprint ``collaborations``).
"""
