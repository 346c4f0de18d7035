"""Pages of this package (filled in below)."""

from flask import Blueprint

bp = Blueprint("stories", __name__, url_prefix="/stories")
