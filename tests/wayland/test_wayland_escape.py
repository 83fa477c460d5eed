"""sway's escape from a shortcuts inhibitor — a user can bind it: ``seat - shortcuts_inhibitor
deactivate`` (GNOME's is Super+Escape). The launcher asks again at once and is granted; sway
re-applies the seat's configuration on that command, the exam loses the keyboard and locks
(measured). The lock window then holds the shortcuts with its own inhibitor, and the quit
password typed into it unlocks the exam. (Its own module: the command takes sway's virtual
keyboards off the seat, so this module plugs a new one in.)"""

from __future__ import annotations

import hashlib
import json
import time

from support.swaysession import PRESSES, wait_for
from support.wayland_keyboard import VirtualKeyboard


def _has_keyboard(compositor) -> bool:
    seats = json.loads(compositor.swaymsg("-t", "get_seats") or "[]")
    return any(d.get("type") == "keyboard" for s in seats for d in s.get("devices", []))


def test_deactivating_the_inhibitor_is_undone_and_locks_the_exam(compositor, keyboard, run_exam):
    exam = run_exam({"hashedQuitPassword": hashlib.sha256(b"letmeout").hexdigest()})
    wait_for(lambda: "shortcuts are held for Exam (enforced)" in exam.log(), timeout=20, what="the inhibitor")
    compositor.swaymsg("seat", "-", "shortcuts_inhibitor", "deactivate")
    wait_for(lambda: "reports its shortcuts inhibitor for Exam inactive" in exam.log(), timeout=20,
             what="the launcher to see the inhibitor deactivated")
    wait_for(lambda: exam.log().count("shortcuts are held for Exam (enforced)") >= 2, timeout=20,
             what="the launcher to have asked again and been granted")
    wait_for(lambda: "shortcuts are held for Exam locked (enforced)" in exam.log(), timeout=20,
             what="the exam to lock, its lock window holding the shortcuts")
    kb = VirtualKeyboard(compositor.socket)  # a keyboard on the seat again
    try:
        wait_for(lambda: _has_keyboard(compositor), timeout=20, what="a keyboard on sway's seat")
        wait_for(lambda: (compositor.focused() or {}).get("name", "").startswith("Exam locked"), timeout=20,
                 what=f"the lock window to be focused ({compositor.focused()})")
        compositor.clear()
        for combo in PRESSES.values():
            kb.press(combo)
            time.sleep(0.1)
        time.sleep(1)
        assert compositor.fired() == []
        kb.type("letmeout")  # the keyboard reaches the lock window: the password unlocks
        kb.press("Return")
        wait_for(lambda: not (compositor.focused() or {}).get("name", "").startswith("Exam locked"), timeout=20,
                 what="the lock window to close")
        assert exam.alive()
    finally:
        kb.close()
        exam.stop()
