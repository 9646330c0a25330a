from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from chibo.core.testing import PASSWORD


def test_it_logs_in_and_lands_a_secretary_on_their_cell(client, world):
    response = client.post(reverse("accounts:login"), {"username": "bithu1", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organizations:organization_detail", args=[world.cell_a.code])


def test_it_lands_a_committee_on_its_subtree(client, world):
    client.force_login(world.committee_leader)
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("organizations:organization_detail", args=[world.commune.code])


def test_it_lands_a_plain_member_on_their_own_record(client, world):
    client.force_login(world.member_a)
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("organizations:member_detail", args=[world.a_members[1].pk])


def test_a_user_without_roles_is_told_so(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 200
    assert "Chưa được phân quyền" in response.content.decode()


def test_wrong_password_shows_a_vietnamese_message(client, world):
    response = client.post(reverse("accounts:login"), {"username": "bithu1", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_out_after_repeated_failures(client, world):
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "bithu1", "password": "sai"})
    response = client.post(reverse("accounts:login"), {"username": "bithu1", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_passwords_are_hashed_with_argon2(settings, world):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert identify_hasher(make_password("chibo-demo")).algorithm == "argon2"


def test_logout_is_post_only(client, world):
    client.force_login(world.secretary_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
