"""The draft of an agreement read from its Word file, in a real browser: uploaded from the
new-agreement page, the form filled beside the source, a marked piece leading to its field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from phoihop.agreements.tests.test_browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_drafts_an_agreement_from_its_word_file_beside_the_source(
    live_server: Any, page: Any, agreement: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from phoihop.agreements.models import Agreement
    from phoihop.imports.tests.test_agreement_document import agreement_docx

    document = tmp_path / "chuong-trinh-phoi-hop.docx"
    document.write_bytes(agreement_docx(agreement))

    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/van-ban/tao-moi/")
    page.set_input_files("#id_document_file", str(document))
    page.click("form[data-from-document] button")

    expect(page.locator("h1")).to_contain_text("Bản nháp từ văn bản tải lên")
    expect(page.locator("#id_number_symbol")).to_have_value("03/CTr-BCHQS-BTGQU")
    expect(page.locator("#id_signed_on")).to_have_value("15/09/2022")
    expect(page.locator("[data-formset=parties] [data-row]")).to_have_count(2)
    expect(page.locator("[data-formset=areas] [data-row]")).to_have_count(2)
    expect(page.locator("#id_areas-1-title")).to_have_value("Đấu tranh phản bác quan điểm sai trái")
    # The piece read for the number leads to its field; the field's link leads back.
    page.click(".draft-source a[href='#id_number_symbol']")
    assert page.evaluate("location.hash") == "#id_number_symbol"
    page.click("label[for=id_signed_on] + a.draft-link")
    assert page.evaluate("location.hash").startswith("#line-")
    page.screenshot(path=str(tmp_path / "ban-nhap.png"), full_page=False)
    assert Agreement.objects.count() == 1  # nothing saved yet

    page.click("#agreement-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Chương trình phối hợp công tác tuyên giáo")
    assert Agreement.objects.count() == 2
