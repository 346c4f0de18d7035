"""Small wins by accelerating mechanism, their inspiration chains, the reflection questions
after a session and "did it stick?".

Above practice examples (a small win may come from one). It answers the core's hooks in
``hooks.py``: small wins in the network's pages, reflections at erasure and merges.

URLs (``blueprint.py``, blueprint ``wins``): ``/wins/...``, ``/reflections/...`` and the
``/answer/...`` pages reached from signed links in emails.
"""
