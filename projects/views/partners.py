"""A registered organisation named as a partner answers: it confirms its role, or declines.
Only its own members may answer; anyone else gets 404, so that nothing leaks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizations.permissions import is_member
from portal.forms import posted_comment

from .. import lifecycle
from ..models import Partner, ProjectAction

ANSWERS = {"confirm": ProjectAction.PARTNER_CONFIRM, "decline": ProjectAction.PARTNER_DECLINE}


@require_POST
@login_required
def partner_answer(request, pk, partner_pk, answer):
    partner = get_object_or_404(
        Partner.objects.select_related("project", "organization"),
        pk=partner_pk,
        project_id=pk,
        organization__isnull=False,
    )
    if answer not in ANSWERS or not is_member(request.user, partner.organization):
        raise Http404
    comment, problem = posted_comment(request, max_length=1000)
    if problem:
        messages.error(request, problem)
        return redirect("mypage:index")
    try:
        lifecycle.apply(
            partner.project,
            ANSWERS[answer],
            actor=request.user,
            comment=comment,
            partner=partner.pk,
        )
    except lifecycle.LifecycleError as error:
        messages.error(request, str(error))
    else:
        if answer == "confirm":
            messages.success(
                request,
                _(
                    "「%(title)s」の協働の相手として確認しました。公開のページに団体名が表示されます。"
                )
                % {"title": partner.project.title},
            )
        else:
            messages.success(
                request,
                _("「%(title)s」の協働の相手を辞退しました。団体名は公開されません。")
                % {"title": partner.project.title},
            )
    return redirect("mypage:index")
