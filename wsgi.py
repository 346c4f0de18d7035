"""The WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from arena import create_app

app = create_app()
