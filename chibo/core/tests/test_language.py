from django.conf import settings
from django.urls import reverse


def test_it_speaks_vietnamese_even_to_a_browser_set_to_english(client, db):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Tên đăng nhập" in response.content.decode()


def test_the_switch_turns_english_on_and_back(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("accounts:login")).headers["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert client.get(reverse("accounts:login")).headers["Content-Language"] == "vi"
