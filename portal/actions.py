"""The action buttons of a lifecycle (templates/includes/action_panel.html), posted to a view.

`perform` checks the comment, takes the action and tells the outcome on the page the buttons
are on (`back`):

- a comment the action cannot take (missing where it is required, too long, with characters
  that were removed) comes back beside its own box: the refused code, the message and what
  was typed are kept in the session for the next page, where `action_error` (the context
  processor below) marks that box invalid, shows the message next to it, keeps the text, and
  the error summary at the top of the page links to it;
- an action the table marks `confirm` (what cannot be undone: reject, withdraw, hide,
  suspend, publish a call's result) first shows a page saying what will happen, with the
  comment, and is taken only when that page's button is pressed;
- anything else a requirement refuses is told as an error message, each finding on its own.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import posted_comment
from .lifecycle import Comment, LifecycleError

SESSION_KEY = "portal_action_error"
CONFIRMED = "confirmed"


def perform(request, lifecycle, obj, code, *, back, done, name, **params):
    """Take the posted action `code` on `obj` and answer with the page to show next.

    `back`: the address of the page with the buttons; `done(obj)`: the message once taken;
    `name`: what the object is called on the confirmation page."""
    action = lifecycle.action(code)
    typed = request.POST.get("comment", "")
    comment, problem = posted_comment(request)
    if problem:
        return _refused_comment(request, code, problem, typed, back)
    if action.comment == Comment.REQUIRED and not comment.strip():
        return _refused_comment(
            request,
            code,
            _("「%(label)s」を入力してください。") % {"label": action.comment_label},
            typed,
            back,
        )
    if (
        action.confirm
        and request.POST.get(CONFIRMED) != "1"
        and _possible(lifecycle, request, obj, code)
    ):
        return render(
            request,
            "includes/confirm_action.html",
            {
                "action": action,
                "label": lifecycle.label(code),
                "name": name,
                "comment": comment,
                "from_state": _state_label(obj),
                "to_state": _target_label(obj, action),
                "tells": bool(action.audience),
                "back": back,
            },
        )
    try:
        obj = lifecycle.apply(obj, code, actor=request.user, comment=comment, **params)
    except LifecycleError as error:
        if error.field == "comment":
            return _refused_comment(request, code, str(error), typed, back)
        messages.error(request, str(error))
        for found in error.problems[1:]:
            messages.error(request, getattr(found, "message", found))
        return redirect(back)
    messages.success(request, done(obj))
    return redirect(back)


def _possible(lifecycle, request, obj, code):
    """The action can be taken now (else it is tried at once, to say why not)."""
    offers = lifecycle.offered(request.user, obj, codes=(code,))
    return bool(offers) and not offers[0].blockers


def _refused_comment(request, code, message, typed, back):
    request.session[SESSION_KEY] = {
        "code": code,
        "message": str(message),
        "comment": typed,
        "path": back,
    }
    return redirect(back)


def _state_label(obj):
    display = getattr(obj, "get_status_display", None)
    return display() if display else ""


def _target_label(obj, action):
    if not action.target:
        return ""
    field = obj._meta.get_field("status")
    return dict(field.choices).get(action.target, action.target)


def context_processor(request):
    """The comment an action refused, for the page it came from: taken from the session once,
    and kept on the request for every template the page renders."""
    if not hasattr(request, "_portal_action_error"):
        request._portal_action_error = _take(request)
    entry = request._portal_action_error
    return {"action_error": entry} if entry else {}


def _take(request):
    user = getattr(request, "user", None)
    if request.method != "GET" or user is None or not user.is_authenticated:
        return None
    entry = request.session.get(SESSION_KEY)
    if not entry or entry.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    return entry
