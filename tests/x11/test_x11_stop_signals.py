"""SIGTERM while the launcher asks for an exam's password (a real dialog on an X display): the
launcher ends with exit status 143, not as if the student had cancelled (3), and no exam
request has left."""

from __future__ import annotations

import os
import signal
import subprocess

from support.cli import launcher_command, user_env
from support.servers import Server

from launcher.config.container import write_config


def test_sigterm_at_the_password_dialog_ends_with_143(xsession, tmp_path):
    server = Server().start()
    try:
        server.route("/exam", "<!doctype html><p>exam")
        path = tmp_path / "exam.seb"
        path.write_bytes(write_config({"startURL": server.url("/exam"), "allowVirtualMachine": True},
                                      password="secret"))
        proc = subprocess.Popen([*launcher_command(), "open", str(path)],
                                env=xsession.env(dict(os.environ, **user_env(tmp_path))),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            xsession.wait_for(lambda: bool(xsession.search("^Exam password")), timeout=60,
                              what="the password dialog")
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 128 + signal.SIGTERM, err.decode(errors="replace")
        assert server.requests == []
    finally:
        server.stop()
