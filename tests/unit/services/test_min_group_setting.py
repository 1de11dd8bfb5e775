"""COACH_MIN_GROUP reaches the themes and the report the lead sees."""

import pytest

from coach.config import Settings
from coach.services.container import Services

pytestmark = pytest.mark.unit


def test_the_setting_sets_the_minimum_group_of_themes_and_report(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", min_group=5)
    services = Services(settings)
    try:
        assert services.themes.min_group == 5 and services.report.min_group == 5
    finally:
        services.close()
    with pytest.raises(ValueError):
        Settings(_env_file=None, data_dir=tmp_path / "data", min_group=1)
