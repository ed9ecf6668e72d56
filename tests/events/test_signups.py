"""Sign-ups on the event page: without an account (pending until the mailed link is
followed) or signed in (at once); capacity, the waiting list and its promotion, and links
that work once."""

import datetime
import re

import pytest
from django.core import mail

from events.models import Application, ApplicationStatus, Signup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organization):
    project = factories.make_project(lead_organization=organization)
    return factories.make_event(project, title="防災ワークショップ")


def apply(client, event, **fields):
    data = {"name": "市民 花子", "email": "hanako@example.net", **fields}
    return client.post(f"/events/{event.pk}/", data)


def link(message, kind):
    return re.search(rf"https?://[^\s]+/events/signup/{kind}[^\s]*/", message.body)[0]


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_event_without_signup_shows_no_form(client, event):
    response = client.get(f"/events/{event.pk}/")
    assert "参加を申し込む" not in response.content.decode()


def test_anonymous_signup_is_pending_and_holds_no_place(
    client, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, event)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert [m.to for m in mail.outbox] == [["hanako@example.net"]]
    assert "/events/signup/confirm/" in mail.outbox[0].body
    assert "<" not in mail.outbox[0].body  # plain text: the date without markup
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "残り</dt><dd>1人" in page
    # Another person's confirmed sign-up takes the one place the pending one did not hold.
    other = factories.make_user("other-citizen@example.jp")
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, event, name="別の人")
    assert Application.objects.get(user=other).status == ApplicationStatus.ACCEPTED


def test_confirmation_link_works_once(client, event, django_capture_on_commit_callbacks):
    factories.make_signup(event, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, event)
    confirm = path_of(link(mail.outbox[0], "confirm/"))
    assert client.get(confirm).status_code == 200
    assert Application.objects.get().status == ApplicationStatus.PENDING  # a GET confirms nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.confirm_token is None
    assert "受け付けました" in mail.outbox[-1].subject
    assert client.get(confirm).status_code == 404
    assert client.post(confirm).status_code == 404


def test_cancellation_link_works_once(client, event, django_capture_on_commit_callbacks):
    factories.make_signup(event, capacity=5)
    application = factories.make_application(event)
    page = f"/events/signup/{application.cancel_token}/"
    own = client.get(page)
    assert "申込 太郎" in own.content.decode()
    assert '<meta name="robots" content="noindex">' in own.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CANCELLED
    assert client.get(page).status_code == 404
    assert client.post(page).status_code == 404


def test_guessed_tokens_answer_404(client, event):
    factories.make_signup(event)
    factories.make_application(event)
    assert client.get("/events/signup/1/").status_code == 404
    assert client.get("/events/signup/confirm/1/").status_code == 404


def test_signed_in_signup_is_accepted_at_once_with_the_accounts_address(
    client, citizen, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, event, email="someone-else@example.net")
    application = Application.objects.get()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.email == citizen.email
    assert mail.outbox[0].to == [citizen.email]
    assert "/events/signup/" in mail.outbox[0].body


def test_full_event_without_waiting_list_refuses(client, citizen, event):
    factories.make_signup(event, capacity=1)
    factories.make_application(event)
    client.force_login(citizen)
    response = apply(client, event)
    assert response.status_code == 200
    assert "定員に達した" in response.content.decode()
    assert Application.objects.count() == 1


def test_full_event_with_waiting_list_puts_on_it(
    client, citizen, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event, capacity=1, keeps_waiting_list=True)
    factories.make_application(event)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, event)
    assert Application.objects.get(user=citizen).status == ApplicationStatus.WAITING
    assert "キャンセル待ち" in mail.outbox[0].subject


def test_number_of_people_counts_against_capacity(client, citizen, event):
    factories.make_signup(event, capacity=3, asks_party_size=True)
    factories.make_application(event, party_size=2)
    client.force_login(citizen)
    response = apply(client, event, party_size="2")
    assert "定員に達した" in response.content.decode()
    apply(client, event, party_size="1")
    assert Application.objects.get(user=citizen).party_size == 1


def test_pending_confirmed_after_capacity_filled_is_refused(
    client, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event, capacity=1)
    pending = factories.make_application(event, status=ApplicationStatus.PENDING)
    factories.make_application(event, email="first@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/signup/confirm/{pending.confirm_token}/")
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.REFUSED
    assert "受け付けられませんでした" in mail.outbox[0].subject


def test_cancellation_promotes_the_first_waiting_and_tells_them(
    client, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event, capacity=1, keeps_waiting_list=True)
    holder = factories.make_application(event, email="holder@example.net")
    first = factories.make_application(
        event, status=ApplicationStatus.WAITING, email="first@example.net"
    )
    second = factories.make_application(
        event, status=ApplicationStatus.WAITING, email="second@example.net"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/signup/{holder.cancel_token}/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ApplicationStatus.ACCEPTED
    assert second.status == ApplicationStatus.WAITING
    promoted = [m for m in mail.outbox if m.to == ["first@example.net"]]
    assert len(promoted) == 1
    assert "キャンセル待ちから受付" in promoted[0].subject
    assert f"/events/signup/{first.cancel_token}/" in promoted[0].body
    assert not [m for m in mail.outbox if m.to == ["second@example.net"]]


def test_deadline_passed_takes_no_signups(client, event):
    factories.make_signup(event, deadline=datetime.date.today() - datetime.timedelta(days=1))
    response = apply(client, event)
    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert "受付は終了" in client.get(f"/events/{event.pk}/").content.decode()


def test_questions_asked_only_as_the_organiser_chose(client, event):
    factories.make_signup(event, asks_phone=True)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert 'name="phone"' in page
    assert 'name="party_size"' not in page
    assert 'name="accessibility_needs"' not in page


def test_double_post_of_the_same_page_applies_once(client, citizen, event):
    factories.make_signup(event)
    client.force_login(citizen)
    data = {"name": "市民 花子", "once": "abc123"}
    client.post(f"/events/{event.pk}/", data)
    client.post(f"/events/{event.pk}/", data)
    assert Application.objects.count() == 1


def test_organiser_turns_signup_on(client, member, event):
    client.force_login(member)
    response = client.post(
        f"/events/{event.pk}/signup/",
        {"is_open": "on", "capacity": "30", "asks_phone": "on", "keeps_waiting_list": "on"},
    )
    assert response.status_code == 302
    signup = Signup.objects.get(event=event)
    assert (signup.capacity, signup.asks_phone, signup.keeps_waiting_list) == (30, True, True)


def test_larger_capacity_promotes_those_waiting(client, member, event):
    factories.make_signup(event, capacity=1, keeps_waiting_list=True)
    factories.make_application(event)
    waiting = factories.make_application(event, status=ApplicationStatus.WAITING)
    client.force_login(member)
    client.post(f"/events/{event.pk}/signup/", {"is_open": "on", "capacity": "2"})
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.ACCEPTED


def test_other_organisation_may_not_manage(client, other_member, event):
    factories.make_signup(event)
    client.force_login(other_member)
    assert client.get(f"/events/{event.pk}/signup/").status_code == 403
    assert client.get(f"/events/{event.pk}/applications/").status_code == 403


def test_organiser_and_staff_see_and_export_the_list(client, member, coordinating_staff, event):
    factories.make_signup(event)
    factories.make_application(event, name="=HYPERLINK(1)", phone="049-000-0000")
    for user in (member, coordinating_staff):
        client.force_login(user)
        page = client.get(f"/events/{event.pk}/applications/").content.decode()
        assert "=HYPERLINK(1)" in page
        csv = client.get(f"/events/{event.pk}/applications/?export=csv")
        assert csv.content.startswith(b"\xef\xbb\xbf")
        assert "'=HYPERLINK(1)" in csv.content.decode("utf-8-sig")
        xlsx = client.get(f"/events/{event.pk}/applications/?export=xlsx")
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_project_file_links_to_the_applicants(client, coordinating_staff, event):
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{event.project_id}/").content.decode()
    assert f"/events/{event.pk}/applications/" in page


def test_event_page_with_signup_stays_under_ten_queries(
    client, event, django_assert_max_num_queries
):
    factories.make_signup(event, asks_phone=True, asks_party_size=True)
    for n in range(3):
        factories.make_application(event, email=f"p{n}@example.net")
    with django_assert_max_num_queries(9):
        assert client.get(f"/events/{event.pk}/").status_code == 200


def test_lists_say_which_events_take_signups(client, event, organization):
    other = factories.make_event(event.project, title="申込のない見学会")
    factories.make_signup(event)
    closed = factories.make_event(event.project, title="受付を止めた講座")
    factories.make_signup(closed, is_open=False)
    page = client.get("/events/").content.decode()
    assert page.count("申込受付中") == 1
    item = page.split(event.title)[1].split("</li>")[0]
    assert "申込受付中" in item
    assert other.title in page


def test_signing_up_again_with_the_same_address_makes_no_second_application(
    client, event, django_capture_on_commit_callbacks
):
    factories.make_signup(event)
    earlier = factories.make_application(event, email="hanako@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, event, email="Hanako@example.net")
    assert response.status_code == 302
    assert Application.objects.count() == 1
    # The page says what it says to anyone; the address's owner gets their own link again.
    assert "確認のメールを送りました" in client.get(response["Location"]).content.decode()
    assert [m.to for m in mail.outbox] == [["hanako@example.net"]]
    assert f"/events/signup/{earlier.cancel_token}/" in mail.outbox[0].body


def test_signed_in_person_is_told_they_signed_up_already(client, citizen, event):
    factories.make_signup(event)
    factories.make_application(event, email=citizen.email, user=citizen)
    client.force_login(citizen)
    response = apply(client, event)
    assert "すでに申し込んでいます" in response.content.decode()
    assert Application.objects.count() == 1


def test_signups_close_after_the_events_first_day(client, organization):
    project = factories.make_project(lead_organization=organization)
    today = datetime.date.today()
    running = factories.make_event(project, starts_on=today - datetime.timedelta(days=1))
    factories.make_signup(running)
    assert "参加を申し込む" not in client.get(f"/events/{running.pk}/").content.decode()
    apply(client, running)
    assert Application.objects.count() == 0
