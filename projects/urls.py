from django.urls import path

from portal.caching import public_page

from .views import messages, partners, proposals, public, reports, review

app_name = "projects"
urlpatterns = [
    path("", public_page(public.project_list), name="list"),
    path("<int:pk>/", public_page(public.project_detail), name="detail"),
    path("new/", proposals.proposal_create, name="proposal_create"),
    path("<int:pk>/proposal/", proposals.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("<int:pk>/submit/", review.proposal_submit, name="proposal_submit"),
    path("<int:pk>/review/", review.proposal_review, name="proposal_review"),
    path("<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("<int:pk>/image/", proposals.proposal_image, name="proposal_image"),
    path("<int:pk>/files/<int:attachment_pk>/", proposals.attachment_file, name="attachment"),
    path("<int:pk>/messages/", messages.proposal_messages, name="messages"),
    path(
        "<int:pk>/messages/<int:entry_pk>/files/<int:file_pk>/",
        messages.message_file,
        name="message_file",
    ),
    path("<int:pk>/report/", reports.report_edit, name="report"),
    path("<int:pk>/report/photos/<int:photo_pk>/", public.report_photo, name="report_photo"),
    path("<int:pk>/notices/", reports.notice_create, name="notices"),
    path(
        "<int:pk>/partners/<int:partner_pk>/<slug:answer>/",
        partners.partner_answer,
        name="partner_answer",
    ),
]
