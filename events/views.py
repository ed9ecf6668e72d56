"""The public event pages: the list (upcoming by month, the past on a second tab), each
event's page (with its sign-up form) and its own calendar file; the organiser's sign-up
settings and list of applicants; the applicant's own pages reached by the links mailed."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.search import search_context
from portal.caching import PublicPaginator
from portal.exports import Column, Table, export_response
from portal.filtering import filter_results
from portal.forms import posted_data
from portal.once import AlreadyDone
from portal.site import absolute_url

from . import selectors, services
from .calendar import calendar_event, new_calendar
from .filters import EventFilter
from .forms import ApplicationForm, SignupForm
from .models import Application, ApplicationStatus
from .permissions import can_manage_signup


def event_list(request):
    today = timezone.localdate()
    past = request.GET.get("when") == "past"
    event_filter = EventFilter(request.GET or None, queryset=selectors.public_events())
    events = filter_results(event_filter)
    events = selectors.past(events, today) if past else selectors.upcoming(events, today)
    page = PublicPaginator(events, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            "page": page,
            "events": selectors.with_labels(page.object_list),
            "past": past,
            **search_context(event_filter, page, [selectors.public_events()]),
        },
    )


def _public_event(pk):
    return get_object_or_404(selectors.public_events(), pk=pk)


def event_detail(request, pk):
    """The event's page; where it takes sign-ups, the form to apply (posted here)."""
    event = _public_event(pk)
    today = timezone.localdate()
    signup = selectors.signup_of(event)
    accepting = signup is not None and signup.is_accepting(today)
    user = request.user if request.user.is_authenticated else None
    form = None
    if accepting:
        form = ApplicationForm(posted_data(request), signup=signup, user=user)
        if request.method == "POST" and form.is_valid():
            try:
                application = services.application_create(event=event, form=form, user=user)
            except AlreadyDone:
                messages.info(request, _("この申込はすでに受け付けています。"))
                return redirect("events:detail", pk=event.pk)
            except services.SignupError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _application_message(application))
                return redirect("events:detail", pk=event.pk)
    elif request.method == "POST":
        messages.error(request, _("このイベントは現在、参加申込を受け付けていません。"))
        return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "project": event.project,
            "organization": event.project.lead_organization,
            "fee": selectors.event_fee(event),
            "is_past": event.last_day < today,
            "signup": signup,
            "accepting": accepting,
            "places_left": selectors.places_left(event, signup) if signup else None,
            "form": form,
            "can_manage": can_manage_signup(request.user, event),
        },
    )


def _application_message(application):
    if application.status == ApplicationStatus.PENDING:
        return _(
            "申込はまだ確定していません。%(email)s へ確認のメールを送りました。"
            "メールのリンクを開いて申込を確定してください。"
        ) % {"email": application.email}
    if application.status == ApplicationStatus.WAITING:
        return _(
            "定員に達しているため、キャンセル待ちとして受け付けました。確認のメールを送りました。"
        )
    return _("参加申込を受け付けました。確認のメールを送りました。")


def event_calendar(request, pk):
    """The event alone, as a calendar file to import."""
    event = _public_event(pk)
    feed = new_calendar()
    stamp = timezone.now().astimezone(datetime.UTC)
    url = absolute_url(reverse("events:detail", args=[event.pk]))
    feed.add_component(calendar_event(event, stamp, url=url))
    feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# --- The organiser's side: sign-up settings and the applicants --------------------------


def _managed_event(request, pk):
    event = _public_event(pk)
    if not can_manage_signup(request.user, event):
        raise PermissionDenied(
            _("参加申込を管理できるのは、主催団体のメンバーと市の担当職員です。")
        )
    return event


@login_required
def signup_edit(request, pk):
    event = _managed_event(request, pk)
    signup = selectors.signup_of(event)
    form = SignupForm(posted_data(request), instance=signup, event=event)
    if request.method == "POST" and form.is_valid():
        services.signup_save(event=event, data=form.cleaned_data)
        messages.success(request, _("参加申込の設定を保存しました。"))
        return redirect("events:applications", pk=event.pk)
    return render(
        request, "events/signup_form.html", {"event": event, "form": form, "signup": signup}
    )


def applications_table(event, rows):
    return Table(
        name=f"event-{event.pk}-applications",
        title=_("参加申込の一覧"),
        columns=[
            Column(_("お名前"), lambda a: a.name),
            Column(_("メールアドレス"), lambda a: a.email),
            Column(_("電話番号"), lambda a: a.phone),
            Column(_("参加人数"), lambda a: a.party_size),
            Column(_("配慮が必要なこと"), lambda a: a.accessibility_needs),
            Column(_("状態"), lambda a: a.get_status_display()),
            Column(_("申込日"), lambda a: a.created_at, wareki=True),
        ],
        rows=rows,
        empty=_("まだ申込はありません。"),
    )


@login_required
def application_list(request, pk):
    event = _managed_event(request, pk)
    rows = list(selectors.applications_of(event))
    fmt = request.GET.get("export", "")
    if fmt in ("csv", "xlsx"):
        return export_response(applications_table(event, rows), fmt)
    signup = selectors.signup_of(event)
    return render(
        request,
        "events/application_list.html",
        {
            "event": event,
            "signup": signup,
            "table": applications_table(event, rows),
            "taken": selectors.places_taken(event),
            "waiting": selectors.waiting_count(event),
        },
    )


# --- The applicant's own pages, reached by the links mailed to them ----------------------


def application_confirm(request, token):
    """The confirmation link: a page with one button (a mail scanner following the link
    confirms nothing); the post confirms, once."""
    application = get_object_or_404(
        Application.objects.select_related("event__project"), confirm_token=token
    )
    if request.method == "POST":
        confirmed = services.application_confirm(token=token)
        if confirmed is None:
            raise Http404
        if confirmed.status == ApplicationStatus.REFUSED:
            messages.error(
                request, _("申し訳ありません。定員に達したため、申込を受け付けられませんでした。")
            )
            return redirect("events:detail", pk=confirmed.event_id)
        messages.success(request, _("申込を確定しました。確認のメールを送りました。"))
        return redirect("events:application", token=confirmed.cancel_token)
    return render(request, "events/application_confirm.html", {"application": application})


def application_page(request, token):
    """The applicant's own page (the link in every mail): what they sent and its state, and
    the button to cancel, which works once."""
    application = get_object_or_404(
        Application.objects.select_related("event__project"), cancel_token=token
    )
    if request.method == "POST":
        cancelled = services.application_cancel(token=token)
        if cancelled is None:
            raise Http404
        messages.success(request, _("参加申込を取り消しました。"))
        return redirect("events:detail", pk=cancelled.event_id)
    return render(
        request,
        "events/application_page.html",
        {"application": application, "event": application.event},
    )
