"""wins."""
