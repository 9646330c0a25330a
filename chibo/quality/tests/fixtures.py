"""Reference data that data migrations load (procedures, rubrics, alert rules, document formats), put back for every test.

A transactional test elsewhere in the suite (a browser test, a demo seed) flushes the database and
with it what the data migrations loaded. Modules that need it import `reference_data` (autouse).
"""

import importlib

import pytest
from django.apps import apps

PROCEDURES = importlib.import_module("chibo.meetings.migrations.0002_load_procedures")
RUBRICS = importlib.import_module("chibo.quality.migrations.0002_load_rubrics")
ALERT_RULES = importlib.import_module("chibo.quality.migrations.0003_load_alert_rules")
FORMATS = importlib.import_module("chibo.reports.migrations.0002_load_document_formats")


@pytest.fixture(autouse=True)
def reference_data(request):
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if not (marker or {"db", "transactional_db", "live_server"} & set(names)):
        return
    transactional = "live_server" in names or bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    if not apps.get_model("meetings", "Procedure").objects.exists():
        PROCEDURES.load(apps, None)
    if not apps.get_model("quality", "Rubric").objects.filter(owner__isnull=True).exists():
        RUBRICS.load(apps, None)
    if not apps.get_model("quality", "AlertRule").objects.exists():
        ALERT_RULES.load(apps, None)
    if not apps.get_model("reports", "DocumentFormat").objects.exists():
        FORMATS.load(apps, None)
