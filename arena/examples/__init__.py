"""Practice examples: proposing, reviewing, planning them into a session's two slots.

Above invitations (a declined example is mailed through the outbox). It adds the examples to a
member's history and to the series page through the core's hooks (``hooks.py``). The shared
helpers that used to live here are in the core (``arena/db.py``, ``arena/forms.py``,
``arena/mail.py``) and the network (``arena/members/directory.py``).

URLs (``blueprint.py``, blueprint ``examples``): ``/examples/...``.
"""
