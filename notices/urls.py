from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("<int:pk>/", views.document_page, name="document"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("<int:pk>/reissue/", views.document_reissue, name="reissue"),
    path("projects/<int:project_pk>/application/", views.application_page, name="application"),
    path("projects/<int:project_pk>/issue/", views.document_issue, name="issue"),
]
