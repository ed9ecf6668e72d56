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
from .documents import EventDocument, ProjectDocument  # noqa: F401
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
from .messages import MessageFile, message_file_path  # noqa: F401
from .money import (  # noqa: F401
    CATEGORIES,
    BudgetLine,
    BudgetSide,
    ExpenseCategory,
    IncomeCategory,
)
from .receipts import ProposedChange, ReceiptCounter  # noqa: F401
from .reports import Report, ReportPhoto  # noqa: F401
