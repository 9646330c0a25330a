from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "chibo.demo"
    label = "demo"
