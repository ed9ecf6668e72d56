"""The staff project file shows the content first and the decisions after it, the steps apart
from what cannot be undone (不採択, 取り下げ, 非公開), each of those asking for a reason."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_content_first_then_decisions_then_the_irreversible(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{project.pk}/").content.decode()
    content = page.index("事業の内容</h2>")
    actions = page.index('id="actions-title"')
    decisions = page.index("判断と手続き</h3>")
    irreversible = page.index("元に戻せない操作</h3>")
    assert content < actions < decisions < irreversible
    assert page.index("承認して公開</button>") < irreversible
    assert page.index("不採択…</button>") > irreversible
    assert page.index("取り下げ…</button>") > irreversible
    # The top of the page leads to the decisions.
    assert page.index('href="#actions-title"') < content


def test_withdrawing_at_the_desk_needs_a_reason(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{project.pk}/actions/withdraw/",
        {"comment": "", "confirmed": "1"},
        follow=True,
    )
    assert 'id="comment-withdraw-error"' in response.content.decode()
    project.refresh_from_db()
    assert project.status == "submitted"
    client.post(
        f"/staff/projects/{project.pk}/actions/withdraw/",
        {"comment": "団体から辞退の連絡", "confirmed": "1"},
    )
    project.refresh_from_db()
    assert project.status == "withdrawn"
    assert project.transitions.get(action="withdraw").comment == "団体から辞退の連絡"
