"""Contact between members: find someone, ask to be put in touch, answer by the mailed link."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.auth.access import allowed, public
from arena.auth.models import Role
from arena.contacts import finder, mails, services
from arena.contacts.forms import AnswerForm, ContactForm
from arena.contacts.models import ContactPurpose, ContactRequest
from arena.db import get_row, get_session, utcnow
from arena.forms import save_form
from arena.members.models import Member
from arena.tokens import TokenError

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


def _own_member() -> Member:
    member = current_user.member_id and get_session().get(Member, current_user.member_id)
    if not member or member.erased_at:
        abort(404)
    return member


@bp.route("/")
@allowed(Role.MEMBER)
def index():
    """Whom you asked, who asked you, and a search for someone to ask."""
    member, query = _own_member(), request.args.get("q", "").strip()
    found = finder.find_members(get_session(), query, exclude=member.id) if query else None
    return render_template(
        "contacts/index.html",
        member=member,
        query=query,
        found=found,
        requests=services.requests_of(get_session(), member.id),
    )


@bp.route("/new/<int:member_id>", methods=["GET", "POST"])
@allowed(Role.MEMBER)
def create(member_id: int):
    """Ask to be put in touch with one member; their address stays hidden."""
    member = _own_member()
    other = get_row(get_session(), Member, member_id)
    if other is None:
        abort(404)
    form = ContactForm()
    if form.validate_on_submit():
        saved = save_form(
            form,
            lambda session: services.request_contact(
                session,
                member,
                other,
                ContactPurpose(form.purpose.data),
                form.message.data,
                utcnow(),
            ),
            services.ContactError,
            whole_form=("recipient",),
        )
        if saved is not None:
            flash(
                _("Your request is sent. %(name)s gets a mail and decides.", name=other.name),
                "success",
            )
            return redirect(url_for("contacts.index"))
    return render_template("contacts/form.html", form=form, others=[other], introduce=False)


@bp.route("/introduce", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def introduce():
    """An organiser introduces two members, e.g. from a suggestion of the weaving panel."""
    a = _named_member(request.args.get("a"))
    b = _named_member(request.args.get("b"))
    if a is None or b is None:
        abort(404)
    form = ContactForm()
    if form.validate_on_submit():
        saved = save_form(
            form,
            lambda s: services.introduce(
                s,
                current_user,
                a,
                b,
                ContactPurpose(form.purpose.data),
                form.message.data,
                utcnow(),
            ),
            services.ContactError,
            whole_form=("recipient",),
        )
        if saved is not None:
            flash(
                _(
                    "Both %(a)s and %(b)s get a mail. When both agree, they receive each "
                    "other's address.",
                    a=a.name,
                    b=b.name,
                ),
                "success",
            )
            return redirect(url_for("graph.explore", kind="people"))
    return render_template("contacts/form.html", form=form, others=[a, b], introduce=True)


def _named_member(value: str | None) -> Member | None:
    """A member named by id, or by a people-graph node id ("member-12")."""
    value = (value or "").removeprefix("member-")
    return get_row(get_session(), Member, value) if value.isdigit() else None


@bp.route("/answer/<token>/accept", defaults={"choice": "accept"}, methods=["GET", "POST"])
@bp.route("/answer/<token>/decline", defaults={"choice": "decline"}, methods=["GET", "POST"])
@public
def answer(token: str, choice: str):
    """A member agrees or declines by the link in their mail; a GET only asks to confirm,
    since mail scanners open links."""
    request_id, member_id = mails.read_answer_token(token)
    session = get_session()
    contact = get_row(session, ContactRequest, request_id)
    member = get_row(session, Member, member_id)
    if (
        contact is None
        or member is None
        or member_id
        not in (
            contact.requester_id,
            contact.recipient_id,
        )
    ):
        raise TokenError("invalid", mails.ANSWER_LINK)
    other = contact.requester if member_id == contact.recipient_id else contact.recipient
    form, problem = AnswerForm(), None
    if form.validate_on_submit():
        try:
            services.answer(session, contact, member, choice == "accept", utcnow())
        except services.ContactError as refused:
            session.rollback()
            problem = str(refused)
        else:
            session.commit()
            return render_template("contacts/answered.html", contact=contact, other=other)
    status = 400 if problem or request.method == "POST" else 200
    return render_template(
        "contacts/answer.html",
        form=form,
        contact=contact,
        other=other,
        choice=choice,
        problem=problem,
        purpose=mails.PURPOSES[contact.purpose],
    ), status
