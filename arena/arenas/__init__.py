"""arenas."""
