"""The factories of every app, in one place for tests that use several (each app's own live
in tests/<app>/factories.py: small functions with sensible defaults)."""

from tests.accounts.factories import make_user  # noqa: F401
from tests.calls.factories import (  # noqa: F401
    appoint,
    make_call,
    make_call_proposal,
    score,
)
from tests.events.factories import make_application, make_signup  # noqa: F401
from tests.organizations.factories import (  # noqa: F401
    coordinating_department,
    make_department,
    make_organization,
)
from tests.projects.factories import (  # noqa: F401
    COMPLETE_DETAILS,
    make_budget,
    make_event,
    make_partner,
    make_project,
    make_proposal,
)
from tests.volunteers.factories import (  # noqa: F401
    make_volunteer_application,
    make_volunteer_request,
)
