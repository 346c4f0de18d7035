"""Pages of this package (filled in below)."""

from flask import Blueprint

bp = Blueprint("polls", __name__, url_prefix="/polls")
