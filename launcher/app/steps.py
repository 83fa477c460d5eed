"""Steps that undo themselves in reverse when a later one fails (SEB for Windows'
``OperationSequence``: each operation performed is reverted, last first, when one fails).

One job: run named steps one after the other; a step says it is done by calling ``done()`` —
at once, or later (after a dialog, or from the GUI thread once a worker thread has finished:
``launcher.app.gui_thread.run_in_thread(work, lambda result, error: ...)``); a step that raises,
or calls ``sequence.fail(error)`` / ``sequence.cancel(what)``, ends the sequence: the ``undo`` of
every step begun so far — the failing one too, as SEB's sequence reverts the operation that
failed — runs, last first, then ``failed(step, error)`` or ``cancelled(what)``. An ``undo``
therefore takes back whatever part of its step happened.
Pure Python: no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One step: ``perform(done)`` calls ``done()`` when the step is complete; ``undo()`` takes
    back what it did, also when it did only part of it (None: nothing to take back)."""

    name: str
    perform: Callable[[Callable[[], None]], None]
    undo: Callable[[], None] | None = None


def now(name: str, work: Callable[[], object], undo: Callable[[], None] | None = None) -> Step:
    """A step done as soon as ``work()`` returns."""

    def perform(done: Callable[[], None]) -> None:
        work()
        done()

    return Step(name, perform, undo)


class StepSequence:
    """``StepSequence(steps, succeeded=, failed=, cancelled=).run()``; exactly one of the three
    callbacks runs, once."""

    def __init__(
        self,
        steps: Sequence[Step],
        *,
        succeeded: Callable[[], None],
        failed: Callable[[str, BaseException], None],
        cancelled: Callable[[str], None],
    ) -> None:
        self.steps = tuple(steps)
        self._succeeded = succeeded
        self._failed = failed
        self._cancelled = cancelled
        self._begun: list[Step] = []
        self._index = 0
        self._current = ""
        self._over = False

    @property
    def current(self) -> str:
        """The name of the step running now ("" before the first and after the last)."""
        return self._current

    def run(self) -> None:
        self._next()

    def fail(self, error: BaseException) -> None:
        """The step running now failed: undo it and the steps before it, last first; ``failed``."""
        if self._over:
            return
        step = self._current
        self._end()
        self._failed(step, error)

    def cancel(self, what: str) -> None:
        """The user cancelled at the step running now: undo, last first; ``cancelled(what)``."""
        if self._over:
            return
        self._end()
        self._cancelled(what)

    def _next(self) -> None:
        if self._over:
            return
        if self._index == len(self.steps):
            self._over = True
            self._current = ""
            self._succeeded()
            return
        step = self.steps[self._index]
        self._index += 1
        self._current = step.name
        self._begun.append(step)
        called = False

        def done() -> None:
            nonlocal called
            if called or self._over:
                return
            called = True
            self._next()

        try:
            step.perform(done)
        except Exception as exc:  # the step did not complete: it and the ones before are undone
            if not called:
                self.fail(exc)
            else:
                raise

    def _end(self) -> None:
        self._over = True
        for step in reversed(self._begun):
            if step.undo is None:
                continue
            try:
                step.undo()
            except Exception:  # one failed undo must not keep the others from running
                log.exception("Undoing the step %r failed", step.name)
        self._begun.clear()
        self._current = ""
