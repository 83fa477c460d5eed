"""The real launcher under Xvfb + openbox and the X clipboard as other programs see it (``xclip``):
clipboard and PRIMARY selection are empty after start and after the end; with the isolated
policy (SEB's default) what others put there during the exam is removed, and copy/paste inside
the exam works while the system clipboard stays empty; with allow, others' contents stay."""

from __future__ import annotations



def _empty(x, selection: str) -> bool:
    return x.clip_get(selection) == ""


def _finish(x, exam) -> None:
    x.key("F9")  # the page goes to the quit URL
    exam.proc.wait(timeout=30)
    assert exam.proc.returncode == 0, exam.stderr()


def test_isolated_clipboard_is_emptied_kept_empty_and_works_inside_the_exam(xsession, run_exam, exam_server):
    xsession.clip_set("notes from before the exam", "clipboard")
    xsession.clip_set("selected before the exam", "primary")
    assert xsession.clip_get("clipboard") == "notes from before the exam"
    exam = run_exam({"quitURL": exam_server.url("/quit"), "quitURLConfirm": False})
    xsession.wait_for(lambda: _empty(xsession, "clipboard") and _empty(xsession, "primary"),
                      timeout=10, what="the clipboard and the selection to be empty after start")

    # what another program puts there during the exam is removed
    xsession.clip_set("smuggled in", "clipboard")
    xsession.clip_set("smuggled in", "primary")
    xsession.wait_for(lambda: _empty(xsession, "clipboard") and _empty(xsession, "primary"),
                      timeout=10, what="foreign clipboard contents to be removed")

    # copy and paste inside the exam still work, and nothing reaches the system clipboard
    xsession.type("my answer")
    exam.wait_report(lambda r: r == "value:my answer", "the typed answer")
    xsession.key("ctrl+a")
    xsession.key("ctrl+c")
    xsession.key("End")
    xsession.key("ctrl+v")
    exam.wait_report(lambda r: r == "value:my answermy answer", "the pasted copy")
    xsession.wait_for(lambda: _empty(xsession, "clipboard") and _empty(xsession, "primary"),
                      timeout=10, what="the system clipboard to stay empty")

    _finish(xsession, exam)
    assert _empty(xsession, "clipboard") and _empty(xsession, "primary")


def test_allow_leaves_other_programs_contents_alone_during_the_exam(xsession, run_exam, exam_server):
    xsession.clip_set("before", "clipboard")
    exam = run_exam({"clipboardPolicy": 0, "quitURL": exam_server.url("/quit"), "quitURLConfirm": False})
    xsession.wait_for(lambda: _empty(xsession, "clipboard"), timeout=10,
                      what="the clipboard to be emptied at start")
    xsession.clip_set("allowed during the exam", "clipboard")
    xsession.type("x")  # the exam goes on meanwhile
    exam.wait_report(lambda r: r == "value:x", "typing")
    assert xsession.clip_get("clipboard") == "allowed during the exam"
    _finish(xsession, exam)
