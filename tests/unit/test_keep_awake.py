"""``displayAlwaysOn`` / ``systemAlwaysOn`` on Windows (``SetThreadExecutionState``) and macOS
(IOKit power assertions), with recording doubles for the libraries (this runs on Linux)."""

from __future__ import annotations

from typing import Any

from launcher.platform.keep_awake import (
    ASSERT_DISPLAY,
    ASSERT_SYSTEM,
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    KeepAwake,
)


def _kernel32(calls: list[int], answer: int = ES_CONTINUOUS) -> Any:
    def set_state(flags: int) -> int:
        calls.append(flags)
        return answer

    class Kernel32:
        SetThreadExecutionState = set_state

    return Kernel32


def test_windows_keeps_display_and_system_awake_and_gives_it_back():
    calls: list[int] = []
    awake = KeepAwake(display=True, system=True, platform="win32", loader=lambda dll: _kernel32(calls))
    assert awake.start() and awake.held
    assert calls == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED]
    awake.stop()
    assert calls[-1] == ES_CONTINUOUS and not awake.held
    calls.clear()
    KeepAwake(display=False, system=True, platform="win32", loader=lambda dll: _kernel32(calls)).start()
    assert calls == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED]


def test_windows_refusing_is_logged_and_nothing_asked_when_nothing_is_wanted(caplog):
    calls: list[int] = []
    assert not KeepAwake(display=True, system=True, platform="win32",
                         loader=lambda dll: _kernel32(calls, answer=0)).start()
    calls.clear()
    assert not KeepAwake(display=False, system=False, platform="win32", loader=lambda dll: _kernel32(calls)).start()
    assert calls == []
    assert not KeepAwake(display=True, system=True, platform="linux").start()  # logind's job there


class _Mac:
    def __init__(self, refuse: bytes = b"") -> None:
        self.strings: dict[int, bytes] = {}
        self.released_strings: list[bytes] = []
        self.assertions: dict[int, bytes] = {}
        self.released: list[bytes] = []
        mac = self

        def create_string(_allocator: Any, text: bytes, _encoding: int) -> int:
            handle = 0x1000 + len(mac.strings)
            mac.strings[handle] = text
            return handle

        def release(handle: int) -> None:
            mac.released_strings.append(mac.strings[handle])

        def create_assertion(kind: int, level: int, reason: int, out: Any) -> int:
            name = mac.strings[kind]
            assert level == 255 and mac.strings[reason] == b"An exam is running"
            if name == refuse:
                return -0x1FFFFD3E  # kIOReturnNotPermitted
            number = 7 + len(mac.assertions)
            out._obj.value = number
            mac.assertions[number] = name
            return 0

        def release_assertion(number: int) -> int:
            mac.released.append(mac.assertions[number])
            return 0

        class CoreFoundation:
            CFStringCreateWithCString = create_string
            CFRelease = release

        class IOKit:
            IOPMAssertionCreateWithName = create_assertion
            IOPMAssertionRelease = release_assertion

        self.libraries = {"CoreFoundation": CoreFoundation, "IOKit": IOKit}


def test_macos_holds_power_assertions_for_the_exam_and_releases_them():
    mac = _Mac()
    awake = KeepAwake(display=True, system=True, platform="darwin", loader=mac.libraries.__getitem__)
    assert awake.start()
    assert sorted(mac.assertions.values()) == sorted([ASSERT_DISPLAY, ASSERT_SYSTEM])
    assert sorted(mac.released_strings) == sorted([ASSERT_DISPLAY, ASSERT_SYSTEM, b"An exam is running"])
    awake.stop()
    assert sorted(mac.released) == sorted([ASSERT_DISPLAY, ASSERT_SYSTEM])


def test_macos_keeps_what_it_got_when_one_assertion_is_refused(caplog):
    mac = _Mac(refuse=ASSERT_DISPLAY)
    awake = KeepAwake(display=True, system=True, platform="darwin", loader=mac.libraries.__getitem__)
    assert awake.start()
    assert list(mac.assertions.values()) == [ASSERT_SYSTEM]
    assert "macOS refused the power assertion PreventUserIdleDisplaySleep" in caplog.text
    awake.stop()
    assert mac.released == [ASSERT_SYSTEM]
