"""The JSON API: read-only answers for other tools, guarded like the pages they mirror.

At the top of the layers with the graph. URLs (``blueprint.py``, blueprint ``api``):
``/api/...``; each module holds the views of one resource (``graph.py``).
"""
