from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0005_invitation_revoked_at'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='organization',
            constraint=models.CheckConstraint(condition=models.Q(('founded_year__isnull', True), models.Q(('founded_year__gte', 1868), ('founded_year__lte', 2100)), _connector='OR'), name='organization_founded_year_in_range', violation_error_message='設立年は1868年以降の西暦で入力してください。'),
        ),
    ]
