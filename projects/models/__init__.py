"""Models of projects (協働事業); every name is importable from `projects.models`."""

from .core import (  # noqa: F401
    FIRST_DAY,
    FORM_DETAIL_ATTRIBUTES,
    LAST_DAY,
    PUBLIC_STATUSES,
    Event,
    Form,
    FormGuide,
    Partner,
    PartnerConsent,
    PartnerQuerySet,
    Progress,
    Project,
    ProjectAction,
    ProjectQuerySet,
    Status,
    date_in_range,
)
from .details import (  # noqa: F401
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    FormDetail,
    PatronageDetail,
    SubsidyDetail,
)
from .files import (  # noqa: F401
    ATTACHMENT_KINDS_BY_FORM,
    REQUIRED_ATTACHMENT_KINDS,
    Attachment,
    AttachmentKind,
    PrivateStorage,
    _private_storage,
    attachment_kinds_for,
    attachment_path,
    private_storage,
)
from .history import Transition  # noqa: F401
from .reports import Report, ReportPhoto  # noqa: F401
