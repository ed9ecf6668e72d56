from django.urls import path

from .views import partners, proposals, public, reports

app_name = "projects"
urlpatterns = [
    path("", public.project_list, name="list"),
    path("<int:pk>/", public.project_detail, name="detail"),
    path("new/", proposals.proposal_create, name="proposal_create"),
    path("<int:pk>/proposal/", proposals.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("<int:pk>/image/", proposals.proposal_image, name="proposal_image"),
    path("<int:pk>/files/<int:attachment_pk>/", proposals.attachment_file, name="attachment"),
    path("<int:pk>/report/", reports.report_edit, name="report"),
    path("<int:pk>/report/photos/<int:photo_pk>/", public.report_photo, name="report_photo"),
    path("<int:pk>/notices/", reports.notice_create, name="notices"),
    path(
        "<int:pk>/partners/<int:partner_pk>/<slug:answer>/",
        partners.partner_answer,
        name="partner_answer",
    ),
]
