"""Asking a signed-in person to agree to the policies in force (a new version of 利用規約 or
個人情報の取扱い); everything else waits until they do (accounts.middleware)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin

from . import policies


class ConsentForm(PortalFormMixin, forms.Form):
    def __init__(self, *args, to_agree, **kwargs):
        super().__init__(*args, **kwargs)
        for policy in to_agree:
            self.fields[f"agree_{policy.kind}"] = forms.BooleanField(
                label=_("「%(policy)s」に同意する") % {"policy": policy},
                error_messages={
                    "required": _("「%(policy)s」に同意しないと、ポータルを使えません。")
                    % {"policy": policy}
                },
            )
        self.prepare_fields()


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/mypage/"


@login_required
def consent(request):
    to_agree = policies.policies_to_agree(request.user)
    next_url = _next_url(request)
    if not to_agree:
        return redirect(next_url)
    form = ConsentForm(request.POST if request.method == "POST" else None, to_agree=to_agree)
    if request.method == "POST" and form.is_valid():
        policies.consent_record(user=request.user, policies=to_agree, session=request.session)
        return redirect(next_url)
    return render(
        request,
        "account/policy_consent.html",
        {"form": form, "to_agree": to_agree, "next_url": next_url},
    )
