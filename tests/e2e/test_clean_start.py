"""The real ``seb-launcher`` started as a desktop starts it — no ``PYTHON*`` variables — runs in
the interpreter it was started in (no second, isolated start: ~30 ms of CPU less before the
exam's first request) and its exam starts; what a prepared student can put into that start is
still kept out: a byte-code cache of their own (``PYTHONPYCACHEPREFIX`` / ``-X pycache_prefix``)
holding a changed lockdown check makes the launcher restart isolated, which ignores it (the
exam is refused on this virtual machine, named), and a preload library that hid itself from
the environment is found in the launcher's memory map."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time

from support.cli import launcher_command, user_env
from support.servers import http_server, make_server  # noqa: F401

import launcher.lockdown.virtual as virtual
from launcher.config import plist

HIDING_PRELOAD = r"""
#include <stdlib.h>
__attribute__((constructor)) static void hide(void) { unsetenv("LD_PRELOAD"); }
"""

#: the student's version of the VM check, compiled into their own byte-code cache
FORGED_VIRTUAL = """
class VirtualMachineDetector:
    FORGED = True
    def __init__(self, *args, **kwargs): pass
    def evidence(self): return []
"""


def desktop_env(tmp_path) -> dict[str, str]:
    """A desktop session's variables: none of Python's (the test suite sets PYTHONPATH and more)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return {**env, **user_env(tmp_path)}


def _run(command, env, cwd=None):
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=90,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def test_a_desktop_start_runs_its_exam_in_the_interpreter_it_was_started_in(http_server, tmp_path):
    http_server.route("/exam/start", '<!doctype html><meta http-equiv="refresh" content="1; url=/bye"><p>exam')
    http_server.route("/bye", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), "allowVirtualMachine": True,
                                  "quitURL": http_server.url("/bye"), "quitURLConfirm": False}))
    proc = subprocess.Popen([*launcher_command(), "open", str(path)], env=desktop_env(tmp_path),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert http_server.wait_for("/exam/start", timeout=60), "the exam did not start"
        cmdline = open(f"/proc/{proc.pid}/cmdline", "rb").read().split(b"\0")
    finally:
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"-I" not in cmdline, cmdline  # not restarted: the program runs as it was started
    assert "Traceback" not in err


def _forge_cache(prefix, tmp_path) -> None:
    """The byte-code Python would read for ``launcher/lockdown/virtual.py`` from ``prefix``:
    the student's code, stamped with the real source's time and size so Python trusts it."""
    source = os.path.realpath(virtual.__file__)
    st = os.stat(source)
    code = compile(FORGED_VIRTUAL, source, "exec")
    from importlib._bootstrap_external import _code_to_timestamp_pyc  # the stamp Python checks

    cached = importlib.util.cache_from_source(source)
    target = os.path.join(str(prefix), os.path.dirname(source).lstrip(os.sep), os.path.basename(cached))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(_code_to_timestamp_pyc(code, int(st.st_mtime), st.st_size))


def test_a_prepared_byte_code_cache_does_not_switch_the_vm_check_off(http_server, tmp_path):
    prefix = tmp_path / "cache"
    _forge_cache(prefix, tmp_path)
    env = desktop_env(tmp_path)
    # without the launcher's isolated restart the forgery works: a plain interpreter runs it
    probe = _run([sys.executable, "-c", "import launcher.lockdown.virtual as v; print(hasattr(v.VirtualMachineDetector, 'FORGED'))"],
                 {**env, "PYTHONPYCACHEPREFIX": str(prefix)})
    assert probe.stdout.strip() == "True", probe.stderr
    http_server.route("/exam/start", "<!doctype html><p>exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start")}))  # no VM allowed; this is one
    started = time.monotonic()
    for command, extra in (
        ([*launcher_command(), "open", str(path)], {"PYTHONPYCACHEPREFIX": str(prefix)}),
        ([sys.executable, "-X", f"pycache_prefix={prefix}", "-m", "launcher", "open", str(path)], {}),
    ):
        proc = _run(command, {**env, **extra}, cwd=tmp_path)
        assert proc.returncode == 4, (command, proc.stderr)
        assert "[allowVirtualMachine]" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert http_server.requests == []
    assert time.monotonic() - started < 240


def test_a_preload_library_that_hid_itself_before_a_desktop_start_refuses_the_exam(http_server, tmp_path):
    c = tmp_path / "hook.c"
    c.write_text(HIDING_PRELOAD)
    lib = tmp_path / "hook.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib), str(c)], check=True, capture_output=True)
    http_server.route("/exam/start", "<!doctype html><p>exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), "allowVirtualMachine": True}))
    proc = _run([*launcher_command(), "open", str(path)], {**desktop_env(tmp_path), "LD_PRELOAD": str(lib)})
    assert proc.returncode == 4, proc.stderr
    assert f"outside the system and the launcher's installation is loaded into the launcher: {lib}" in proc.stderr
    assert http_server.requests == []
