"""A program on the exam's display is told by its real file (issue 16 items 2, 3, 5): a script
an interpreter runs counts as the script; an assistive or desktop name counts only from a
root-owned system directory nobody else can write to, so a renamed copy is foreign."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time

from launcher.lockdown.x_programs import identify, trusted_kind


def _run(args: list[str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)  # exec'd
    return proc


def test_a_script_counts_as_the_script_and_only_a_system_one_is_trusted(tmp_path):
    home_copy = tmp_path / "orca"  # the student's file named like the screen reader
    home_copy.write_text("import time\ntime.sleep(30)\n")
    system_dir = tempfile.mkdtemp(prefix="seb-test-orca-", dir="/usr/local/lib")
    os.chmod(system_dir, 0o755)
    system_copy = os.path.join(system_dir, "orca")
    shutil.copy(home_copy, system_copy)
    os.chmod(system_copy, 0o755)
    procs = [_run([sys.executable, str(home_copy)]), _run([sys.executable, system_copy])]
    try:
        home, system = (identify(p.pid) for p in procs)
        assert (home.name, home.path, home.system) == ("orca", str(home_copy), False)
        assert (system.name, system.system) == ("orca", True)
        assert trusted_kind(home) == ""
        assert trusted_kind(system) == "assistive"
    finally:
        for p in procs:
            p.kill()
            p.wait()
        shutil.rmtree(system_dir, ignore_errors=True)


def test_code_given_on_the_command_line_is_the_interpreter_and_a_renamed_binary_is_its_file(tmp_path):
    renamed = tmp_path / "tint2"  # a copy of a system program under a desktop program's name
    shutil.copy("/bin/sleep", renamed)
    procs = [_run([sys.executable, "-c", "import time; time.sleep(30)"]), _run([str(renamed), "30"])]
    try:
        inline, copy = (identify(p.pid) for p in procs)
        assert inline.name.startswith("python") and inline.path == os.path.realpath(sys.executable)
        assert (copy.name, copy.system) == ("tint2", False)
        assert trusted_kind(copy) == ""
        assert trusted_kind(inline, ours={inline.pid}) == "ours"
        assert trusted_kind(copy, permitted={copy.pid}) == "permitted"
    finally:
        for p in procs:
            p.kill()
            p.wait()


def test_a_system_desktop_program_and_the_window_manager_are_trusted():
    sleeper = _run(["/bin/sleep", "30"])
    try:
        program = identify(sleeper.pid)
        assert program.system and program.name == "sleep"
        assert trusted_kind(program) == ""  # a system file, but not the desktop's
        assert trusted_kind(program, window_manager=sleeper.pid) == "window manager"
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_desktops_many_daemons_are_known_by_their_name_beginnings():
    from launcher.lockdown.x_programs import Program

    for name in ("gsd-housekeeping", "xfce4-clipman-plugin", "xdg-desktop-portal-gnome", "ibus-x11", "tint2"):
        assert trusted_kind(Program(10, f"/usr/libexec/{name}", name, True)) == "desktop", name
    assert trusted_kind(Program(10, "/home/s/gsd-notes", "gsd-notes", False)) == ""  # not a system file
    assert trusted_kind(Program(10, "/usr/bin/firefox-esr", "firefox-esr", True)) == ""
