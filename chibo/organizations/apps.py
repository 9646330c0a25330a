from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "chibo.organizations"
    label = "organizations"
