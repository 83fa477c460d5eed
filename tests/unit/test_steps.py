"""Start steps that undo themselves in reverse when one fails (``launcher.app.steps``), as SEB
for Windows' OperationSequence reverts its operations: the failing step too, last first."""

from __future__ import annotations

from collections.abc import Callable

from launcher.app.steps import Step, StepSequence, now


def _run(steps: list[Step]) -> tuple[StepSequence, list[str]]:
    outcome: list[str] = []
    sequence = StepSequence(
        steps,
        succeeded=lambda: outcome.append("succeeded"),
        failed=lambda step, error: outcome.append(f"failed at {step}: {error}"),
        cancelled=lambda what: outcome.append(f"cancelled at {what}"),
    )
    sequence.run()
    return sequence, outcome


def test_steps_run_in_order_and_nothing_is_undone_when_all_succeed() -> None:
    done: list[str] = []
    _, outcome = _run([now(n, lambda n=n: done.append(n), undo=lambda n=n: done.append(f"undo {n}"))
                       for n in ("checks", "session", "watchers")])
    assert done == ["checks", "session", "watchers"]
    assert outcome == ["succeeded"]


def test_a_failing_step_undoes_itself_and_every_step_before_it_last_first() -> None:
    done: list[str] = []

    def broken() -> None:
        done.append("watchers (half)")
        raise OSError("no X server")

    _, outcome = _run([
        now("checks", lambda: done.append("checks")),  # nothing to undo
        now("session", lambda: done.append("session"), undo=lambda: done.append("undo session")),
        now("window", lambda: done.append("window"), undo=lambda: done.append("undo window")),
        now("watchers", broken, undo=lambda: done.append("undo watchers")),
        now("never", lambda: done.append("never"), undo=lambda: done.append("undo never")),
    ])
    assert done == ["checks", "session", "window", "watchers (half)",
                    "undo watchers", "undo window", "undo session"]
    assert outcome == ["failed at watchers: no X server"]


def test_a_step_that_waits_for_an_answer_goes_on_later_or_cancels_with_undo() -> None:
    done: list[str] = []
    answer: list[Callable[[], None]] = []
    steps = [
        now("engine", lambda: done.append("engine"), undo=lambda: done.append("undo engine")),
        Step("question", answer.append),  # a dialog: done() comes with the student's answer
        now("session", lambda: done.append("session")),
    ]
    sequence, outcome = _run(steps)
    assert done == ["engine"] and outcome == [] and sequence.current == "question"
    answer[0]()
    assert done == ["engine", "session"] and outcome == ["succeeded"]
    answer[0]()  # a second answer does nothing
    assert outcome == ["succeeded"]

    done.clear()
    answer.clear()
    sequence, outcome = _run(steps)
    sequence.cancel("prohibited programs")
    assert done == ["engine", "undo engine"] and outcome == ["cancelled at prohibited programs"]
    answer[0]()  # the dialog answered after the cancel: nothing more happens
    assert done == ["engine", "undo engine"] and outcome == ["cancelled at prohibited programs"]


def test_an_undo_that_fails_does_not_keep_the_others_from_running() -> None:
    done: list[str] = []

    def bad_undo() -> None:
        raise RuntimeError("window already gone")

    _, outcome = _run([
        now("a", lambda: None, undo=lambda: done.append("undo a")),
        now("b", lambda: None, undo=bad_undo),
        now("c", lambda: (_ for _ in ()).throw(ValueError("refused"))),
    ])
    assert done == ["undo a"]
    assert outcome == ["failed at c: refused"]
