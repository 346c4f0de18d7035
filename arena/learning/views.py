"""Pages of this package (filled in below)."""

from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/learning")
