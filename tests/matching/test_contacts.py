"""Contact requests: who may send, what is refused (with which message), the mails after the
commit to the recipient's owners, accept sharing both contacts by mail, decline sharing
nothing, and no address anywhere before consent."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from matching import lifecycle, services
from matching.models import ContactRequest, ContactRequestTransition
from organizations.models import Membership
from tests import factories
from tests.matching.factories import make_contact_request

pytestmark = pytest.mark.django_db

SENDER_OFFICE = "office-sender@example.net"
RECIPIENT_OFFICE = "office-recipient@example.net"


@pytest.fixture
def sender(member):
    return factories.make_organization(
        name="送る会", members=[member], private_email=SENDER_OFFICE, public_email=""
    )


@pytest.fixture
def recipient(other_member):
    return factories.make_organization(
        name="受ける会", members=[other_member], private_email=RECIPIENT_OFFICE
    )


@pytest.fixture
def editor(recipient):
    user = factories.make_user("editor-recipient@example.jp")
    Membership.objects.create(organization=recipient, user=user, role=Membership.Role.EDITOR)
    return user


def post_request(client, recipient, sender, message="協力についてご相談させてください。"):
    return client.post(
        f"/mypage/contacts/new/{recipient.pk}/", {"sender": sender.pk, "message": message}
    )


def addresses(*texts):
    return [a for a in (SENDER_OFFICE, RECIPIENT_OFFICE, "member@example.jp", "other@example.jp")
            if any(a in text for text in texts)]  # fmt: skip


def test_a_member_sends_and_the_recipient_owners_are_told_after_the_commit(
    client, member, sender, recipient, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_request(client, recipient, sender)
        assert mail.outbox == []  # nothing leaves before the commit
    # The mail is stored after the commit and queued after its own commit.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    contact_request = ContactRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/mypage/contacts/{contact_request.pk}/"
    assert (contact_request.sender, contact_request.recipient) == (sender, recipient)
    assert contact_request.sender_user == member and contact_request.status == "open"
    [message] = mail.outbox
    assert message.to == ["other@example.jp"]  # the owners, not the editor
    assert "送る会" in message.subject
    assert "協力についてご相談させてください。" in message.body
    assert f"https://kyodo.example.jp/mypage/contacts/{contact_request.pk}/" in message.body
    assert addresses(message.subject, message.body) == []
    [entry] = ContactRequestTransition.objects.all()
    assert (entry.action, entry.actor, entry.to_status) == ("send", member, "open")


def test_accept_shares_both_contacts_by_mail_and_on_the_page(
    client, member, other_member, sender, recipient, django_capture_on_commit_callbacks
):
    contact_request = make_contact_request(sender, recipient, member)
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mypage/contacts/{contact_request.pk}/actions/accept/")
    assert response.status_code == 302
    contact_request.refresh_from_db()
    assert contact_request.status == "accepted" and contact_request.answered_by == other_member
    to_sender = next(m for m in mail.outbox if "member@example.jp" in m.to)
    to_recipient = next(m for m in mail.outbox if "other@example.jp" in m.to)
    assert RECIPIENT_OFFICE in to_sender.body and "other@example.jp" in to_sender.body
    assert SENDER_OFFICE in to_recipient.body and "member@example.jp" in to_recipient.body
    assert SENDER_OFFICE not in to_sender.body and RECIPIENT_OFFICE not in to_recipient.body
    for user in (member, other_member):
        client.force_login(user)
        page = client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
        assert SENDER_OFFICE in page and RECIPIENT_OFFICE in page


def test_decline_shares_nothing_and_tells_the_sender_politely(
    client, member, other_member, sender, recipient, django_capture_on_commit_callbacks
):
    contact_request = make_contact_request(sender, recipient, member)
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/mypage/contacts/{contact_request.pk}/actions/decline/",
            {"comment": "今年度は活動を縮小しています。"},
        )
    contact_request.refresh_from_db()
    assert contact_request.status == "declined"
    [message] = mail.outbox
    assert message.to == ["member@example.jp"]
    assert (
        "ありがとうございました" in message.body
        and "今年度は活動を縮小しています。" in message.body
    )
    assert addresses(message.subject, message.body) == []
    for user in (member, other_member):
        client.force_login(user)
        page = client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
        assert SENDER_OFFICE not in page and RECIPIENT_OFFICE not in page
        assert "other@example.jp" not in page.replace(user.email, "")


def test_a_decline_message_with_an_address_is_refused(member, other_member, sender, recipient):
    contact_request = make_contact_request(sender, recipient, member)
    with pytest.raises(lifecycle.LifecycleError, match="メールアドレスや電話番号"):
        lifecycle.apply(
            contact_request, "decline", actor=other_member, comment="049-000-0000へどうぞ"
        )
    contact_request.refresh_from_db()
    assert contact_request.status == "open"


def test_no_address_on_any_page_or_mail_before_consent(
    client, member, other_member, sender, recipient, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        post_request(client, recipient, sender)
    contact_request = ContactRequest.objects.get()
    for user, own in ((member, SENDER_OFFICE), (other_member, RECIPIENT_OFFICE)):
        client.force_login(user)
        for path in (
            f"/mypage/contacts/{contact_request.pk}/",
            "/mypage/contacts/",
            "/mypage/",
            f"/organizations/{sender.pk}/",
            f"/organizations/{recipient.pk}/",
        ):
            page = client.get(path).content.decode().replace(own, "").replace(user.email, "")
            assert addresses(page) == [], (user, path)
    assert [addresses(m.subject, m.body) for m in mail.outbox] == [[]]


def test_a_message_with_an_address_is_refused_beside_its_field(client, member, sender, recipient):
    client.force_login(member)
    for message in ("連絡は ｍｅ＠ｅｘａｍｐｌｅ．ｊｐ まで", "電話 049-262-9000 へ"):
        response = post_request(client, recipient, sender, message=message)
        assert response.status_code == 200
        assert "メールアドレスや電話番号は書かないでください" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_second_open_request_of_the_pair_is_refused_either_way(
    client, member, other_member, sender, recipient
):
    make_contact_request(sender, recipient, member)
    client.force_login(member)
    response = post_request(client, recipient, sender)
    assert "回答を待っている連絡のお願いがすでにあります" in response.content.decode()
    with pytest.raises(services.ContactError, match="回答を待っている"):
        make_contact_request(recipient, sender, other_member)
    assert ContactRequest.objects.count() == 1


def test_no_new_request_once_contacts_were_exchanged(member, other_member, sender, recipient):
    contact_request = make_contact_request(sender, recipient, member)
    lifecycle.apply(contact_request, "accept", actor=other_member)
    with pytest.raises(services.ContactError, match="すでに連絡先を交換しています"):
        make_contact_request(sender, recipient, member)


def test_after_a_decline_the_sender_waits_before_asking_again(
    member, other_member, sender, recipient
):
    contact_request = make_contact_request(sender, recipient, member)
    lifecycle.apply(contact_request, "decline", actor=other_member)
    with pytest.raises(services.ContactError, match="しばらく日をおいて"):
        make_contact_request(sender, recipient, member)
    ContactRequest.objects.update(answered_at=timezone.now() - datetime.timedelta(days=91))
    assert make_contact_request(sender, recipient, member).is_open


def test_self_requests_are_refused(member, sender):
    with pytest.raises(services.ContactError, match="自分の団体に連絡をお願いすることはできません"):
        make_contact_request(sender, sender, member)


def test_a_member_of_both_is_refused(member, sender, recipient):
    Membership.objects.create(organization=recipient, user=member)
    with pytest.raises(services.ContactError, match="所属している団体には"):
        make_contact_request(sender, recipient, member)


def test_only_members_of_the_sending_organisation_send(citizen, sender, recipient):
    with pytest.raises(services.ContactError, match="メンバーではありません"):
        make_contact_request(sender, recipient, citizen)


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_an_organisation_not_approved_neither_sends_nor_is_contacted(
    client, member, other_member, status
):
    not_approved = factories.make_organization(status=status, members=[member])
    approved = factories.make_organization(members=[other_member])
    with pytest.raises(services.ContactError, match="承認された団体のメンバーだけ"):
        make_contact_request(not_approved, approved, member)
    with pytest.raises(services.ContactError, match="この団体には連絡をお願いできません"):
        make_contact_request(approved, not_approved, other_member)
    client.force_login(member)
    assert client.get(f"/mypage/contacts/new/{approved.pk}/").status_code == 403
    client.force_login(other_member)
    assert client.get(f"/mypage/contacts/new/{not_approved.pk}/").status_code == 404
    assert not ContactRequest.objects.exists()


def test_a_request_cannot_be_accepted_once_the_sender_is_suspended(
    member, other_member, sender, recipient
):
    contact_request = make_contact_request(sender, recipient, member)
    sender.status = "suspended"
    sender.save()
    with pytest.raises(lifecycle.LifecycleError, match="公開されていない"):
        lifecycle.apply(contact_request, "accept", actor=other_member)


def test_one_organisation_sends_at_most_five_a_day(member):
    sender = factories.make_organization(members=[member])
    for _number in range(services.PER_DAY):
        make_contact_request(sender, factories.make_organization(), member)
    with pytest.raises(services.ContactError, match="1日5件まで"):
        make_contact_request(sender, factories.make_organization(), member)


def test_only_the_recipient_owners_answer_and_only_the_sender_withdraws(
    client, member, other_member, editor, sender, recipient, django_capture_on_commit_callbacks
):
    contact_request = make_contact_request(sender, recipient, member)
    for user, action in ((editor, "accept"), (member, "accept"), (other_member, "withdraw")):
        with pytest.raises(lifecycle.LifecycleError, match="権限がありません"):
            lifecycle.apply(contact_request, action, actor=user)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mypage/contacts/{contact_request.pk}/actions/withdraw/")
    contact_request.refresh_from_db()
    assert contact_request.status == "withdrawn"
    assert [m.to for m in mail.outbox] == [["other@example.jp"]]
    assert "取り下げ" in mail.outbox[0].subject


def test_a_request_is_answered_once(member, other_member, sender, recipient):
    contact_request = make_contact_request(sender, recipient, member)
    lifecycle.apply(contact_request, "decline", actor=other_member)
    with pytest.raises(lifecycle.LifecycleError, match="お断り"):
        lifecycle.apply(contact_request, "accept", actor=other_member)


def test_the_history_records_each_step(client, member, other_member, sender, recipient):
    contact_request = make_contact_request(sender, recipient, member)
    lifecycle.apply(contact_request, "accept", actor=other_member, comment="ぜひ")
    steps = list(contact_request.transitions.values_list("action", "from_status", "to_status"))
    assert steps == [("send", "open", "open"), ("accept", "open", "accepted")]
    client.force_login(member)
    page = client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
    assert "連絡先を交換する" in page and "ぜひ" in page


def test_others_do_not_see_a_request(client, citizen, member, sender, recipient):
    contact_request = make_contact_request(sender, recipient, member)
    client.force_login(citizen)
    assert client.get(f"/mypage/contacts/{contact_request.pk}/").status_code == 404
    assert "送る会" not in client.get("/mypage/contacts/").content.decode()
    response = client.post(f"/mypage/contacts/{contact_request.pk}/actions/accept/")
    assert response.status_code == 404


def test_a_double_post_of_the_page_sends_one_request(client, member, sender, recipient):
    client.force_login(member)
    page = client.get(f"/mypage/contacts/new/{recipient.pk}/").content.decode()
    key = page.split('name="once" value="')[1].split('"')[0]
    data = {"sender": sender.pk, "message": "ご相談です。", "once": key}
    first = client.post(f"/mypage/contacts/new/{recipient.pk}/", data)
    second = client.post(f"/mypage/contacts/new/{recipient.pk}/", data)
    assert first.url == second.url
    assert ContactRequest.objects.count() == 1


def test_the_form_says_at_once_why_a_request_would_be_refused(client, member, sender, recipient):
    make_contact_request(sender, recipient, member)
    client.force_login(member)
    page = client.get(f"/mypage/contacts/new/{recipient.pk}/?sender={sender.pk}").content.decode()
    assert "送る会として:" in page and "回答を待っている連絡のお願いがすでにあります" in page


def test_the_database_refuses_a_second_open_request_of_a_pair(member, sender, recipient):
    from django.db import IntegrityError, transaction

    make_contact_request(sender, recipient, member)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactRequest.objects.create(
            sender=sender, recipient=recipient, sender_user=member, message="二通目"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactRequest.objects.create(
            sender=sender, recipient=sender, sender_user=member, message="自分へ"
        )
