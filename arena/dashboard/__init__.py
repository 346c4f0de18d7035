"""The start page for each role, and ``/healthz``: a view over every package below it.

URLs: ``/`` and ``/healthz`` (``views.py``, blueprint ``dashboard``).
"""
