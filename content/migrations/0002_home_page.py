from django.db import migrations


def create_home_page(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with Sanad's home page as the site root."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("content", "HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="content")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Sanad",
        draft_title="Sanad",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="Training and supervised practice for mental health and psychosocial support.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id,
                  "site_name": "Sanad"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
