"""`coach doctor`'s library row: counts when the library is sound, a fix when it is not."""

from coach.services.doctor import library_check


def test_the_shipped_library_is_counted(settings):
    check = library_check(settings)
    count = int(check.figure.split(" starter templates")[0])
    assert check.ok and count >= 200 and "phase scripts" in check.figure


def test_a_missing_library_fails_and_says_what_to_do(settings, tmp_path):
    check = library_check(settings.model_copy(update={"library_dir": tmp_path / "nowhere"}))
    assert not check.ok and "no such folder" in check.figure
    assert "COACH_LIBRARY_DIR" in check.fix
