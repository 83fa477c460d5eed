"""Recognising an exam server's SEB refusal in a page's text (``seb-launcher doctor``)."""

from __future__ import annotations

from launcher.server.refusals import find_refusal


def test_moodles_quiz_page_refusal_is_recognised_across_line_breaks_and_case() -> None:
    text = ("Quiz 1\nThis quiz has been configured so that students may only attempt it\n"
            "using the SAFE EXAM BROWSER.\n")
    found = find_refusal(text)
    assert found is not None and found.server == "Moodle"


def test_moodles_javascript_check_message_and_log_reason() -> None:
    assert find_refusal("The config key or browser exam keys could not be validated. Please ensure").server == "Moodle"
    assert find_refusal("Invalid SEB config key").server == "Moodle"


def test_open_edx_and_ilias_and_the_demo() -> None:
    assert find_refusal('Error: Access not allowed\n This course can only be accessed with "Safe Exam Browser"').server == "Open edX"
    assert find_refusal("This test can only be taken with the Safe Exam Browser.").server == "ILIAS"
    assert find_refusal("The Config Key hash is wrong.").server == "demo exam"


def test_an_ordinary_exam_page_is_no_refusal() -> None:
    assert find_refusal("Quiz 1\nAttempt quiz now\nExit Safe Exam Browser") is None
    assert find_refusal("") is None
