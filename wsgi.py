"""The WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from arena import create_app
from arena.warmup import warm_up

app = create_app()
warm_up(app)
