"""The JSON API: read-only answers for other tools, guarded like the pages they mirror."""
