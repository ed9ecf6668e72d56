"""Forms of the proposal pages and the results report; every name is importable from
`projects.forms`."""

from .money import (  # noqa: F401
    BUDGET_FORMSETS,
    SETTLEMENT_FORMSETS,
    BudgetLineForm,
    ExpenseFormSet,
    IncomeFormSet,
)
from .proposal import (  # noqa: F401
    DESK_PROJECT_FIELDS,
    DETAIL_FORMS,
    MONEY_FIELDS,
    PATRONAGE_DERIVED_FIELDS,
    ROWS,
    ROWS_MAX,
    CohostingDetailForm,
    CommissionDetailForm,
    CommitteeDetailForm,
    CooperationDetailForm,
    DetailForm,
    EventForm,
    EventFormSet,
    FilesForm,
    FormChoiceForm,
    PartnerForm,
    PatronageDetailForm,
    ProposalForm,
    RowsFormSet,
    SubsidyDetailForm,
    formfield_for,
    partner_formset_class,
)
