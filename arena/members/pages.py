"""Page flows the network's views share: a list with filters, sort and pages, and the page that
shows two duplicates side by side and folds one into the other."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, request
from flask_login import current_user

from arena.db import get_session
from arena.members.errors import MemberError
from arena.members.listing import PAGE_SIZES, filter_options, page_args


def list_page(template: str, filters: dict, fetch: Callable, **context):
    """One page of a list: page, size and sort from the query string; ``fetch`` reads it."""
    page, per_page = page_args(request.args)
    sort = request.args.get("sort", "name")
    session = get_session()
    return render_template(
        template,
        result=fetch(session, filters, sort, page, per_page),
        filters=filters,
        sort=sort,
        options=filter_options(session),
        page_sizes=PAGE_SIZES,
        **context,
    )


def merge_page(
    template: str, kept, duplicate, fold: Callable, history: Callable, done: str, back: str,
    **context,
):  # fmt: skip
    """GET shows both with their histories; POST folds the duplicate in and goes ``back``."""
    session = get_session()
    if request.method == "POST":
        try:
            fold(session, kept, duplicate, actor_id=current_user.id)
        except MemberError as exc:
            flash(str(exc), "error")
        else:
            session.commit()
            flash(done, "success")
        return redirect(back)
    histories = (history(session, kept.id), history(session, duplicate.id))
    return render_template(template, duplicate=duplicate, histories=histories, **context)
