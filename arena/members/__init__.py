"""The network: members, organisations, memberships, segments, import and export, privacy.

Below sessions and everything else that happens in the arenas, so it never imports them: who
may be mailed is defined here once (``Member.may_be_mailed``, ``models.py``), and the packages
above take part in the network's pages and rules through the core's hooks (``arena/hooks.py``):
a member's and an organisation's history, the copy of one's data, erasure, merges, retention,
unsubscribing, the member list's filters. The member and organisation directory for forms that
name people in text is ``directory.py``.

URLs (``blueprint.py``, blueprint ``members``): ``/members``, ``/organisations``, ``/segments``,
``/network`` (import and export), ``/me`` (a member's own pages), ``/lookup`` (type-ahead).
"""
