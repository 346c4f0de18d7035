"""Contact between members: asking to be put in touch, without seeing each other's address."""
