"""The task that draws an issued document's PDF (config/celery.py runs it)."""

from celery import shared_task

from . import services
from .models import IssuedDocument


@shared_task(
    name="notices.tasks.render_document",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def render_document(document_id):
    document = IssuedDocument.objects.filter(pk=document_id).first()
    if document is not None:
        services.render_pdf(document)
