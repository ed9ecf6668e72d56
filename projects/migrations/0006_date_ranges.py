import datetime
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0005_form_guide'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('starts_on__gte', datetime.date(2000, 1, 1)), ('starts_on__lte', datetime.date(2100, 12, 31)), models.Q(('ends_on__isnull', True), models.Q(('ends_on__gte', datetime.date(2000, 1, 1)), ('ends_on__lte', datetime.date(2100, 12, 31))), _connector='OR')), name='event_dates_in_range', violation_error_message='開始日と終了日は2000年1月1日から2100年12月31日までの範囲で入力してください。'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.CheckConstraint(condition=models.Q(('fiscal_year__gte', 2000), ('fiscal_year__lte', 2100)), name='project_fiscal_year_in_range', violation_error_message='年度は2000年度から2100年度までの範囲で入力してください。'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('starts_on__isnull', True), models.Q(('starts_on__gte', datetime.date(2000, 1, 1)), ('starts_on__lte', datetime.date(2100, 12, 31))), _connector='OR'), models.Q(('ends_on__isnull', True), models.Q(('ends_on__gte', datetime.date(2000, 1, 1)), ('ends_on__lte', datetime.date(2100, 12, 31))), _connector='OR')), name='project_dates_in_range', violation_error_message='開始日と終了日は2000年1月1日から2100年12月31日までの範囲で入力してください。'),
        ),
    ]
