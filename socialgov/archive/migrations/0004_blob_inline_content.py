from django.db import migrations, models


class Migration(migrations.Migration):
    # Chained after the current leaf so the graph stays linear while others add migrations; the lead may
    # re-point it at 0001_initial when merging.
    dependencies = [("archive", "0003_record_labels")]

    operations = [
        migrations.AddField(
            model_name="blob",
            name="content",
            field=models.BinaryField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="blob",
            name="stored_path",
            field=models.CharField(blank=True, max_length=300),
        ),
    ]
