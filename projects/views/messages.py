"""The organisation's side of the dialogue on a proposal, and the files of its messages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.files import file_response
from portal.forms import posted_data, posted_files

from .. import dialogue, lifecycle
from ..models import MessageFile, Project


def _thread_page(request, project, form):
    return render(
        request,
        "projects/messages.html",
        {
            "project": project,
            "thread": dialogue.thread_items(project, audience=dialogue.PARTIES),
            "message_form": form,
            "message_url": reverse("projects:messages", args=[project.pk]),
        },
    )


def proposal_messages(request, pk):
    """The thread and the form to write to the city: the lead organisation's members only."""
    project = get_object_or_404(Project.objects.select_related("lead_organization"), pk=pk)
    if not dialogue.can_write_as_organization(request.user, project):
        raise Http404
    form = dialogue.MessageForm(
        posted_data(request), posted_files(request), side=dialogue.ORGANIZATION_SIDE
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
            messages.success(
                request,
                _("メッセージを送りました。協働推進課と担当課の職員にメールで届きます。"),
            )
            return redirect(reverse("projects:proposal_detail", args=[project.pk]) + "#thread")
    return _thread_page(request, project, form)


def message_file(request, pk, entry_pk, file_pk):
    """A file of a message, for whoever may read the message (a note's: city staff only)."""
    message_file = get_object_or_404(
        MessageFile.objects.select_related("transition__project__lead_organization"),
        pk=file_pk,
        transition_id=entry_pk,
        transition__project_id=pk,
    )
    if not dialogue.can_read_file(request.user, message_file):
        raise Http404
    return file_response(
        message_file.file,
        content_type=message_file.content_type,
        filename=message_file.original_name,
        inline=message_file.is_image,
    )
