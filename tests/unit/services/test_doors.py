"""Each role's door passes through only its own services, and opening one starts nothing."""

import pytest

from coach.services.doors import (
    AccountDoor,
    AdminDoor,
    Door,
    LeadDoor,
    MentorDoor,
    OperatorDoor,
    ParticipantDoor,
)

pytestmark = pytest.mark.unit


class Container:
    """Counts which services a door asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> str:
        self.asked.append(name)
        return f"the {name} service"


def public(door_type: type[Door]) -> set[str]:
    return {n for n in dir(door_type) if not n.startswith("_")}


def test_opening_a_door_builds_nothing_and_each_attribute_is_the_containers():
    container = Container()
    door = MentorDoor(container)  # type: ignore[arg-type]
    assert container.asked == []
    assert door.chat == "the chat service" and door.pairs == "the pairs service"
    assert container.asked == ["chat", "pairs"]


@pytest.mark.parametrize(
    ("door", "exposed"),
    [
        (MentorDoor, {"users", "pairs", "sessions", "plans", "health", "preparation",
                      "artifacts", "chat", "outcomes", "pulse", "ratings"}),
        (ParticipantDoor, {"users", "pairs", "sessions", "plans", "health", "preparation",
                           "artifacts", "reflections", "summaries", "outcomes", "pulse",
                           "timeline", "ratings"}),
        (LeadDoor, {"users", "pairs", "health", "insights", "summaries", "themes", "report",
                    "suggestions", "outcomes", "pulse"}),
        (AccountDoor, {"users", "pairs", "own_data"}),
        (AdminDoor, {"users", "pairs", "own_data", "programs", "passwords", "ingest",
                     "operations", "user_import", "ratings"}),
        (OperatorDoor, {"users", "pairs", "settings", "logins", "password_resets", "warm_up",
                        "ensure_guides", "indexed_chunks", "close"}),
    ],
)  # fmt: skip
def test_each_door_exposes_only_its_roles_services(door, exposed):
    assert public(door) == exposed


def test_no_screen_door_reaches_the_store_the_model_or_the_index():
    for door in (MentorDoor, ParticipantDoor, LeadDoor, AccountDoor, AdminDoor):
        assert not public(door) & {"store", "runtime", "index", "pair_index", "generation"}
    with pytest.raises(AttributeError):
        LeadDoor(Container()).chat  # type: ignore[arg-type, attr-defined]  # noqa: B018
