"""「行を追加する」 adds an empty partner row on the page itself: no round trip, the new row
numbered, the focus in it, and the row saved with the draft."""

import pytest

from projects.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_partner_row_is_added_without_a_round_trip(live_server, page, member, organization):
    draft = factories.make_project(lead_organization=organization, status="draft", form="cohosting")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("メールアドレス").fill(member.email)
    page.get_by_label("パスワード").first.fill("test-password-123")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/projects/{draft.pk}/edit/")
    rows = page.locator("#rows-partners > fieldset")
    before = rows.count()
    url = page.url
    page.get_by_role("button", name="協働の相手の行を追加する").click()
    page.get_by_role("button", name="協働の相手の行を追加する").click()
    assert rows.count() == before + 2
    assert page.url == url  # no round trip
    assert page.locator("#id_partners-TOTAL_FORMS").input_value() == str(before + 2)
    assert rows.last.locator("legend").inner_text().startswith(f"協働の相手 {before + 2}")
    assert page.evaluate("document.activeElement.name") == f"partners-{before + 1}-organization"
    # Fill the last new row and save the draft: it is kept.
    rows.last.get_by_label("団体名(登録されていない場合)").fill("地域の青年会")
    rows.last.get_by_label("役割").fill("会場の設営")
    page.get_by_role("button", name="下書きを保存する").click()
    page.get_by_text("下書きを保存しました。").wait_for()
    assert Partner.objects.filter(project=draft, name="地域の青年会", role="会場の設営").exists()


def test_a_budget_line_is_added_without_a_round_trip(live_server, page, member, organization):
    from projects.models import BudgetLine, SubsidyDetail

    draft = factories.make_project(lead_organization=organization, status="draft", form="subsidy")
    SubsidyDetail.objects.create(project=draft, requested_amount=50000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("メールアドレス").fill(member.email)
    page.get_by_label("パスワード").first.fill("test-password-123")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/projects/{draft.pk}/edit/")
    rows = page.locator("#rows-expenses > fieldset")
    before = rows.count()
    url = page.url
    page.get_by_role("button", name="支出の行を追加する").click()
    assert rows.count() == before + 1
    assert page.url == url  # no round trip
    assert page.evaluate("document.activeElement.name") == f"expenses-{before}-category"
    rows.last.get_by_label("区分").select_option("printing")
    rows.last.get_by_label("内容").fill("チラシ印刷")
    rows.last.get_by_label("予算額(円)").fill("30,000")
    page.get_by_role("button", name="下書きを保存する").click()
    page.get_by_text("下書きを保存しました。").wait_for()
    line = BudgetLine.objects.get(project=draft, description="チラシ印刷")
    assert (line.side, line.category, line.planned_amount) == ("expense", "printing", 30000)
