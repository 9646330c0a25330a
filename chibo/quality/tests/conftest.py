"""The quality tests start from the named world (root conftest) and the reference data of the migrations."""

from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse)
