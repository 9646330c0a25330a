"""User-facing text is Vietnamese (the msgids) with an English translation."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from chibo.meetings.models import MeetingKind


def test_the_run_screen_speaks_english_when_asked(client, world, running):
    client.force_login(world.secretary_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the switch in the top bar (docs/decisions/0004)
    html = client.get(reverse("meetings:meeting_run", args=[running.pk])).content.decode()
    assert "Roll call" in html and "Record the vote" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    html = client.get(reverse("meetings:meeting_run", args=[running.pk])).content.decode()
    assert "Điểm danh" in html and "Ghi kết quả biểu quyết" in html


def test_every_choice_label_has_an_english_translation():
    with translation.override("en"):
        assert str(MeetingKind.REGULAR.label) == "Regular meeting"
