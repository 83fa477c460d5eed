"""The real ``seb-launcher`` and the dynamic loader: native code a student injects through the
loader refuses the exam, named — an ``LD_PRELOAD`` library that hides itself from the
environment (and puts itself back into every program it starts, the launcher's restart
included) is found in the launcher's memory map, an ``LD_AUDIT`` library by its variable —
while Qt/GTK/loader path variables are dropped, each logged, and reach neither the launcher
nor the engine's helper processes. The libraries are real ones, built here with ``cc``."""

from __future__ import annotations

import os
import subprocess
import threading

from support.cli import launcher_command, run_cli, user_env
from support.running_exam import start_exam
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

HIDING_PRELOAD = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char saved[4096];

/* gone from the environment before the program's own code runs */
__attribute__((constructor)) static void hide(void) {
    const char *p = getenv("LD_PRELOAD");
    if (p) { snprintf(saved, sizeof saved, "LD_PRELOAD=%s", p); unsetenv("LD_PRELOAD"); }
}

/* ...and back in the environment of every program it starts */
int execve(const char *path, char *const argv[], char *const envp[]) {
    static int (*real)(const char *, char *const[], char *const[]);
    size_t n = 0;
    char **env;
    if (!real) real = (int (*)(const char *, char *const[], char *const[]))dlsym(RTLD_NEXT, "execve");
    while (envp[n]) n++;
    env = calloc(n + 2, sizeof *env);
    memcpy(env, envp, n * sizeof *env);
    if (saved[0]) env[n++] = saved;
    return real(path, argv, env);
}
"""

AUDITOR = "unsigned int la_version(unsigned int v) { return v; }\n"


def _library(tmp_path, name, source):
    c = tmp_path / f"{name}.c"
    c.write_text(source)
    out = tmp_path / f"{name}.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(out), str(c), "-ldl"], check=True, capture_output=True)
    return out


def _ppid(pid: str) -> int:
    try:
        return int(open(f"/proc/{pid}/status").read().split("PPid:")[1].split()[0])
    except OSError:
        return -1


def _exam(http_server, tmp_path):
    http_server.route("/exam/start", "<!doctype html><p>exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), "allowVirtualMachine": True}))
    return path


def test_a_preload_library_that_hides_itself_is_found_in_the_memory_map(http_server, tmp_path):
    lib = _library(tmp_path, "hook", HIDING_PRELOAD)
    # it works as a student wants: a program it is preloaded into does not see it
    seen = subprocess.run(["sh", "-c", 'echo "[$LD_PRELOAD]"'], env={**os.environ, "LD_PRELOAD": str(lib)},
                          capture_output=True, text=True)
    assert seen.stdout.strip() == "[]", seen
    proc = run_cli("open", _exam(http_server, tmp_path), env={**user_env(tmp_path), "LD_PRELOAD": str(lib)})
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"outside the system and the launcher's installation is loaded into the launcher: {lib}" in proc.stderr
    assert "LD_PRELOAD loads" not in proc.stderr  # it was hidden: the map found it
    assert http_server.requests == []


def test_an_audit_library_is_refused_named(http_server, tmp_path):
    lib = _library(tmp_path, "audit", AUDITOR)
    proc = run_cli("open", _exam(http_server, tmp_path), env={**user_env(tmp_path), "LD_AUDIT": str(lib)})
    assert proc.returncode == 4, proc.stderr
    assert f"LD_AUDIT loads {lib} into the launcher as a loader auditor" in proc.stderr
    assert http_server.requests == []


PAGE = """<!doctype html><p>exam</p><script>
setInterval(() => fetch('/go').then(r => r.text()).then(t => { if (t === 'quit') location.href = '/bye'; }), 200);
</script>"""

#: name -> value ("{evil}": the student's directory)
DROPPED = {
    "QT_PLUGIN_PATH": "{evil}", "QT_QPA_PLATFORM_PLUGIN_PATH": "{evil}", "QML2_IMPORT_PATH": "{evil}",
    "QT_XCB_NO_XI2": "1", "GTK_MODULES": "gail:atk-bridge:evil", "GTK3_MODULES": "evil",
    "GCONV_PATH": "{evil}", "SSLKEYLOGFILE": "{evil}/keys.txt",
}


def test_toolkit_and_loader_paths_are_dropped_logged_and_absent_from_the_engines_helpers(http_server, tmp_path):
    evil = tmp_path / "evil"
    evil.mkdir()
    release = threading.Event()
    http_server.route("/exam", PAGE)
    http_server.route("/go", lambda _req: "quit" if release.is_set() else "wait", content_type="text/plain")
    http_server.route("/bye", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"allowVirtualMachine": True, "startURL": http_server.url("/exam"),
                                  "quitURL": http_server.url("/bye"), "quitURLConfirm": False}))
    planted = {name: value.format(evil=evil) for name, value in DROPPED.items()}
    env = {**os.environ, **user_env(tmp_path), **planted, "LD_LIBRARY_PATH": f"{evil}:/usr/lib"}
    exam = start_exam([*launcher_command(), "open", str(path)],
                      running=lambda: bool(http_server.requests_to("/go")), env=env)
    proc = exam.proc
    try:
        helpers = [int(e.name) for e in os.scandir("/proc") if e.name.isdigit() and _ppid(e.name) == proc.pid]
        assert helpers, "no engine helper processes"
        for pid in [proc.pid, *helpers]:
            environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
            names = {e.split(b"=", 1)[0].decode() for e in environ if e}
            assert not names & set(DROPPED), (pid, names & set(DROPPED))
            values = [e.decode("utf-8", "replace") for e in environ if e.startswith(b"LD_LIBRARY_PATH=")]
            assert all(str(evil) not in v for v in values), values
    finally:
        release.set()
        proc.wait(timeout=60)
        exam.reader.join(timeout=10)
    err = "".join(exam.lines)
    assert proc.returncode == 0, err
    for name in DROPPED:
        assert f"Ignored from the environment (not allowed for an exam): {name}" in err, name
    assert f"Ignored from the environment (not allowed for an exam): LD_LIBRARY_PATH {evil}" in err
    assert not (evil / "keys.txt").exists()  # the engine wrote no TLS keys for the student
