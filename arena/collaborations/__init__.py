"""Collaborations that grew from the arenas: the edges of the collaboration graph."""
