from decimal import Decimal

from phoihop.vn.figures import indicator_result, name_without_target


def test_it_drops_the_target_that_opens_the_name() -> None:
    assert name_without_target("12 buổi tuyên truyền về quốc phòng", Decimal("12.00")) == (
        "Buổi tuyên truyền về quốc phòng"
    )
    assert name_without_target("100% chỉ tiêu giao quân", 100) == "Chỉ tiêu giao quân"


def test_it_keeps_a_name_that_does_not_open_with_its_target() -> None:
    assert name_without_target("Buổi tuyên truyền phối hợp", 20) == "Buổi tuyên truyền phối hợp"
    # Another number at the start is part of the name, not the target.
    assert name_without_target("12 buổi tuyên truyền", 6) == "12 buổi tuyên truyền"
    assert name_without_target("120 lượt người", 12) == "120 lượt người"


def test_it_writes_a_count_against_its_target() -> None:
    assert indicator_result(Decimal("11"), Decimal("12.00"), "buổi") == "11/12 buổi"
    assert indicator_result(None, 12, "buổi") == "0/12 buổi"
    assert indicator_result(Decimal("1.5"), 2, "triệu đồng") == "1,5/2 triệu đồng"


def test_it_writes_a_percentage_as_a_percentage() -> None:
    assert indicator_result(Decimal("100"), Decimal("100.00"), "%") == "100%"
    assert "100/100" not in indicator_result(100, 100, "%")
    assert indicator_result(95, 90, "%") == "95% / 90%"
