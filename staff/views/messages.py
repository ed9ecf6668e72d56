"""The city's side of the dialogue on a proposal: messages to the organisation and the
staff's own notes (庁内メモ), from the project's file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.forms import posted_data, posted_files
from projects import dialogue, lifecycle
from projects.models import Project, ProjectAction

from .. import permissions
from ..permissions import FILE_ONLY
from .common import desk_required


def thread_context(request, project, form=None):
    """What the file's thread section shows: every entry (the notes marked) and the form."""
    return {
        "thread": dialogue.thread_items(project, audience=dialogue.STAFF),
        "message_form": form or dialogue.MessageForm(side=dialogue.CITY_SIDE),
        "message_url": reverse("staff:project_messages", args=[project.pk]),
        "city_side": True,
    }


@desk_required
def project_messages(request, pk):
    project = get_object_or_404(Project.objects.select_related("lead_organization"), pk=pk)
    if not permissions.can_view_file(request.user, project):
        raise PermissionDenied(FILE_ONLY)
    form = dialogue.MessageForm(
        posted_data(request), posted_files(request), side=dialogue.CITY_SIDE
    )
    if request.method == "POST" and form.is_valid():
        try:
            dialogue.message_post(
                project=project,
                actor=request.user,
                action=form.action,
                body=form.cleaned_data["body"],
                upload=form.cleaned_data.get("file"),
                checked=form.checked,
            )
        except lifecycle.LifecycleError as error:
            form.add_error(None, str(error))
        else:
            if form.action == ProjectAction.INTERNAL_NOTE:
                done = _("庁内メモを残しました。団体には表示されず、届きません。")
            else:
                done = _("団体にメッセージを送りました。団体のメンバーにメールで届きます。")
            messages.success(request, done)
            return redirect(reverse("staff:project_file", args=[project.pk]) + "#thread")
    return render(
        request,
        "staff/project_messages.html",
        {
            "project": project,
            **thread_context(request, project, form),
        },
    )
