from volunteers.models import VolunteerApplication, VolunteerRequest


def make_volunteer_request(organization, **fields):
    defaults = {"role": "受付係", "description": "当日の受付をお願いします。", "is_open": True}
    defaults.update(fields)
    return VolunteerRequest.objects.create(organization=organization, **defaults)


def make_volunteer_application(volunteer_request, user, **fields):
    defaults = {"name": "応募 花子", "email": user.email, "message": "土曜日なら参加できます。"}
    defaults.update(fields)
    return VolunteerApplication.objects.create(request=volunteer_request, user=user, **defaults)
