from types import SimpleNamespace

from phoihop.vn.names import full_name, person_name, person_name_with_title


def test_it_writes_the_family_name_first() -> None:
    assert full_name("Phạm", "Đức Thịnh") == "Phạm Đức Thịnh"
    assert full_name("Nguyễn Thị", "Ngọc Lan") == "Nguyễn Thị Ngọc Lan"


def test_it_collapses_stray_spaces_and_missing_parts() -> None:
    assert full_name("  Trần ", " Minh  Khoa ") == "Trần Minh Khoa"
    assert full_name("", "Khoa") == "Khoa"
    assert full_name("Trần", "") == "Trần"


def test_it_names_a_user_in_vietnamese_order() -> None:
    user = SimpleNamespace(last_name="Trần", first_name="Minh Khoa", username="chqs.q4.canbo")
    assert person_name(user) == "Trần Minh Khoa"


def test_it_falls_back_to_the_log_in_name_only_without_a_name() -> None:
    user = SimpleNamespace(last_name="", first_name=" ", username="chqs.q4.canbo")
    assert person_name(user) == "chqs.q4.canbo"
    assert person_name(None) == ""


def test_it_puts_the_rank_before_the_name_without_a_comma() -> None:
    assert person_name_with_title(
        "Mai Xuân Thắng", rank="Thượng tá", position="Chính trị viên Ban CHQS TP Móng Cái"
    ) == "Thượng tá Mai Xuân Thắng, Chính trị viên Ban CHQS TP Móng Cái"
    assert person_name_with_title("", rank="Thượng tá", position="Chính trị viên") == "Thượng tá Chính trị viên"
    assert person_name_with_title("Bùi Thị Lệ Hằng", position="Trưởng Ban") == "Bùi Thị Lệ Hằng, Trưởng Ban"
