"""Arena series, their sessions ("meetings" in code), who was invited and who came.

Above the network, below invitations: a session's record of invitations, answers and
attendance (``Attendance``) is kept here, and the organisers' texts of a series are checked
here (``render.py``, ``placeholders.py``) without the invitations package. What happens when a
session changes or is cancelled, and the messages part of its page, come from the packages
above through the core's hooks (``arena/hooks.py``); ``network.py`` is what sessions add to
the network's pages (filters, history, personal data, merges) through its hooks.

URLs (``blueprint.py``, blueprint ``arenas``): ``/series/...`` and ``/sessions/...``; the old
``/sessions/<id>/invite`` and ``/sessions/<id>/messages/retry`` answer with a 308 to
``/invitations/...``.
"""
