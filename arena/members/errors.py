"""The one error the network's services raise for the user to read."""


class MemberError(ValueError):
    """A change to the network that cannot be made; the message is for the user."""
