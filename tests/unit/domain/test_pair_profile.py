"""What a pair file says about the people in it."""

import pytest

from coach.domain.pair_profile import Person

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("name", "first"), [
    ("Dr Anil Chaudhary", "Anil"),  # second fresh: "Dr: Sit on the front desk …"
    ("Prof. Ruth Adeyemi", "Ruth"),
    ("Megan Price", "Megan"),
    ("Dr", "Dr"),  # a title alone is all the name there is
])  # fmt: skip
def test_a_first_name_is_the_name_after_a_title(name, first):
    assert Person(name=name).first_name == first
