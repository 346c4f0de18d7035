"""Accounts, sign-in, and the guard every view passes (``access.py``: deny by default).

The lowest feature layer (``arena/layers.py``): it imports only the core. An account may be
linked to a member of the network; auth finds that member through the ``member_id_for_email``
hook, which the network answers. URLs: ``/auth/...`` (``views.py``, blueprint ``auth``).
"""
