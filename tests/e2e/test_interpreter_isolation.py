"""The real ``seb-launcher`` runs the Python that was installed, however it is started: a
student's ``sitecustomize.py`` on ``PYTHONPATH`` that switches the virtual-machine check off has
no effect (the launcher restarts itself isolated, ``-I``), and a ``.pth`` file dropped into the
installation's ``site-packages`` refuses the exam, named."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import uuid

from support.cli import launcher_command, run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

SITECUSTOMIZE = """\
# a student's "fix": no virtual machine, ever
from launcher.lockdown import virtual
virtual.VirtualMachineDetector.evidence = lambda self: []
"""


def _exam(http_server, tmp_path, **extra):
    http_server.route("/exam/start", "<!doctype html><p>exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), **extra}))
    return path


def test_a_sitecustomize_on_pythonpath_does_not_switch_the_vm_check_off(http_server, tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    # the hook works where Python is not isolated: the check finds nothing there
    probe = subprocess.run([sys.executable, "-c", "from launcher.lockdown.virtual import VirtualMachineDetector as V;"
                            "from launcher.lockdown.machine import Machine; print(V(Machine.local()).evidence())"],
                           env={**os.environ, "PYTHONPATH": str(hook)}, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == "[]", probe
    path = _exam(http_server, tmp_path)  # allowVirtualMachine is false; this is a VM
    for command in (launcher_command(), [sys.executable, "-m", "launcher"]):
        env = {**os.environ, **user_env(tmp_path), "PYTHONPATH": str(hook), "PYTHONSTARTUP": str(hook)}
        proc = subprocess.run([*command, "open", str(path)], env=env, capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL, cwd=hook)
        assert proc.returncode == 4, (command, proc.stderr)
        assert "[allowVirtualMachine]" in proc.stderr
        assert "Ignored from the environment (not allowed for an exam): PYTHONPATH" in proc.stderr
        assert http_server.requests == []


def test_a_pth_file_dropped_into_site_packages_refuses_the_exam_named(http_server, tmp_path):
    site = sysconfig.get_paths()["purelib"]
    dropped = os.path.join(site, f"zz_student_{uuid.uuid4().hex[:8]}.pth")
    with open(dropped, "w") as fh:
        fh.write("# added by hand\n")
    try:
        proc = run_cli("open", _exam(http_server, tmp_path, allowVirtualMachine=True), env=user_env(tmp_path))
    finally:
        os.unlink(dropped)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"added to the launcher's installation by hand (no installed package lists them): {dropped}" in proc.stderr
    assert http_server.requests == []
    # and without it the same exam starts (the editable install's own .pth files are listed)
    http_server.route("/exam/start", '<!doctype html><meta http-equiv="refresh" content="0; url=/bye"><p>exam')
    http_server.route("/bye", "bye")
    path = tmp_path / "exam2.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), "allowVirtualMachine": True,
                                  "quitURL": http_server.url("/bye"), "quitURLConfirm": False}))
    proc = run_cli("open", path, env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
