"""The core's hooks are filled by create_app, by the packages that keep the data, in order.

A lower package reacts to a higher one only through these hooks (arena/hooks.py); if a
subscriber went missing, erasure would leave messages behind or a page would lose a section
without any error, so the wiring itself is checked here.
"""

from __future__ import annotations

from arena import HOOK_MODULES, connect_hooks, hooks

EXPECTED = {
    "member_id_for_email": ["arena.members.services:member_id_for_email"],
    "queue_mail": ["arena.invitations.outbox:queue_built"],
    "member_erased": [
        "arena.invitations.network:blank_messages",
        "arena.wins.network:unlink_reflections",
        "arena.contacts.network:forget_requests",
    ],
    "member_unsubscribed": ["arena.invitations.network:withdraw_waiting"],
    "merge_combiners": [
        "arena.arenas.network:merge_combiners",
        "arena.wins.network:merge_combiners",
        "arena.collaborations.network:merge_combiners",
    ],
    "member_history": [
        "arena.arenas.network:member_sessions",
        "arena.examples.network:member_examples",
        "arena.wins.network:member_wins",
        "arena.collaborations.network:member_collaborations",
    ],
    "organisation_history": [
        "arena.arenas.network:organisation_sessions",
        "arena.wins.network:organisation_wins",
        "arena.collaborations.network:organisation_collaborations",
    ],
    "personal_data": [
        "arena.arenas.network:personal_data",
        "arena.invitations.network:personal_data",
        "arena.examples.network:personal_data",
        "arena.wins.network:personal_data",
        "arena.collaborations.network:personal_data",
        "arena.polls.network:personal_data",
        "arena.stories.network:personal_data",
        "arena.learning.network:personal_data",
        "arena.contacts.network:personal_data",
    ],
    "member_last_activity": [
        "arena.arenas.network:last_session",
        "arena.wins.network:last_small_win",
        "arena.collaborations.network:last_collaboration",
    ],
    "member_filters": ["arena.arenas.network:member_filters"],
    "sessions_attended": ["arena.arenas.network:sessions_attended"],
    "meeting_changed": ["arena.invitations.services:queue_updates"],
    "meeting_cancelled": ["arena.invitations.services:queue_cancellations"],
    "meeting_page": ["arena.invitations.monitor:outbox_section"],
    "series_sessions": ["arena.examples.network:series_examples"],
}


def test_every_hook_has_its_subscribers_after_create_app(app):
    assert {name: hook.subscribers for name, hook in hooks.ALL.items()} == EXPECTED


def test_connecting_again_subscribes_nobody_twice(app):
    before = {name: hook.subscribers for name, hook in hooks.ALL.items()}
    connect_hooks()
    assert {name: hook.subscribers for name, hook in hooks.ALL.items()} == before


def test_subscribers_run_in_the_order_of_the_layers():
    """HOOK_MODULES lists the packages bottom to top, so pages show sections in that order."""
    from arena.layers import level_of

    levels = [level_of(module.split(".")[1]) for module in HOOK_MODULES]
    assert levels == sorted(levels)


def test_a_hook_calls_each_subscriber_with_the_same_arguments_and_collects_answers():
    hook = hooks.Hook("example", "(x) -> x doubled and squared")

    def double(x):
        return 2 * x

    def square(x):
        return x * x

    hook.connect(double)
    hook.connect(square)
    hook.connect(double)
    assert hook.send(3) == [6, 9]
    assert [name.rsplit(".", 1)[1] for name in hook.subscribers] == ["double", "square"]
