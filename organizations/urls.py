from django.urls import path

from portal.caching import public_page

from .views import documents, manage, public

app_name = "organizations"
urlpatterns = [
    path("", public_page(public.organization_list), name="list"),
    path("<int:pk>/", public_page(public.organization_detail), name="detail"),
    path("<int:pk>/logo/", public.organization_logo, name="logo"),
    path("register/", manage.organization_register, name="register"),
    path("<int:pk>/edit/", manage.organization_edit, name="edit"),
    path("<int:pk>/members/", manage.member_list, name="members"),
    path("<int:pk>/documents/", documents.document_list, name="documents"),
    path("<int:pk>/documents/<int:document_pk>/", documents.document_file, name="document"),
    path(
        "<int:pk>/documents/<int:document_pk>/remove/",
        documents.document_remove,
        name="document_remove",
    ),
    path("<int:pk>/members/invite/", manage.invitation_create, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        manage.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:pk>/members/<int:membership_pk>/role/", manage.membership_role, name="member_role"),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        manage.membership_remove,
        name="member_remove",
    ),
    path("invitations/<str:token>/", manage.invitation_accept, name="invitation_accept"),
]
