"""The Qt-free parts of the launcher's process integrity: which start files in site-packages
were added by hand (against the distributions' RECORD files), which loader and toolkit
variables are dropped, and which executable mappings come from outside the system and the
installation."""

from __future__ import annotations

from pathlib import Path

from launcher.lockdown import interpreter, loader_env


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "lib" / "python3.11" / "site-packages"
    (site / "setuptools-65.dist-info").mkdir(parents=True)
    (site / "setuptools-65.dist-info" / "RECORD").write_text(
        "distutils-precedence.pth,sha256=x,151\nsetuptools/__init__.py,,\n")
    (site / "seb_launcher-0.1.dist-info").mkdir()
    (site / "seb_launcher-0.1.dist-info" / "RECORD").write_text("__editable__.seb_launcher-0.1.pth,,\n")
    for name in ("distutils-precedence.pth", "__editable__.seb_launcher-0.1.pth", "plain.py"):
        (site / name).write_text("")
    return site


def test_listed_start_files_pass_and_hand_added_ones_are_named(tmp_path):
    site = _site(tmp_path)
    assert interpreter.stray_run_files([site], dpkg_info=tmp_path / "none") == []
    for name in ("evil.pth", "sitecustomize.py", "usercustomize.py"):
        (site / name).write_text("import os")
    assert interpreter.stray_run_files([site], dpkg_info=tmp_path / "none") == [
        site / "evil.pth", site / "sitecustomize.py", site / "usercustomize.py"]


def test_a_start_file_a_debian_package_installed_is_not_hand_added(tmp_path):
    site = _site(tmp_path)
    (site / "debian.pth").write_text("")
    info = tmp_path / "dpkg"
    info.mkdir()
    (info / "python3-foo.list").write_text(f"/usr\n{site / 'debian.pth'}\n")
    assert interpreter.stray_run_files([site], dpkg_info=info) == []


def test_isolation_is_required_of_the_program_only():
    class Flags:
        isolated = 0

    assert interpreter.isolation_evidence(Flags, frozen=False, program=False) == []
    assert interpreter.isolation_evidence(Flags, frozen=True, program=True) == []
    assert "does not run isolated" in interpreter.isolation_evidence(Flags, frozen=False, program=True)[0]


def test_loader_and_toolkit_variables_are_dropped_preload_and_audit_kept_for_the_refusal():
    env = {
        "HOME": "/home/s", "DISPLAY": ":0", "LD_PRELOAD": "/tmp/x.so", "LD_AUDIT": "/tmp/a.so",
        "LD_LIBRARY_PATH": "/usr/lib/x86_64-linux-gnu:/tmp/evil", "QT_PLUGIN_PATH": "/tmp/p",
        "QT_QPA_PLATFORM_PLUGIN_PATH": "/tmp/p", "QML2_IMPORT_PATH": "/tmp/q", "QT_XCB_NO_XI2": "1",
        "QT_XCB_GL_INTEGRATION": "xcb_egl", "GTK_MODULES": "evil", "GTK3_MODULES": "evil",
        "GCONV_PATH": "/tmp/g", "PYTHONPATH": "/tmp/py", "SSLKEYLOGFILE": "/tmp/keys",
        "QT_QPA_PLATFORM": "xcb",
    }
    kept, dropped = loader_env.cleaned({**env, "QML_IMPORT_PATH": "/usr/lib/qt6/qml"}, trusted=["/usr/lib"])
    assert kept["QML_IMPORT_PATH"] == "/usr/lib/qt6/qml"  # a frozen app points it into itself
    assert kept["LD_PRELOAD"] == "/tmp/x.so" and kept["LD_AUDIT"] == "/tmp/a.so"
    assert kept["LD_LIBRARY_PATH"] == "/usr/lib/x86_64-linux-gnu"
    assert kept["QT_XCB_GL_INTEGRATION"] == "xcb_egl" and kept["QT_QPA_PLATFORM"] == "xcb"
    assert sorted(dropped) == sorted([
        "LD_LIBRARY_PATH /tmp/evil", "QT_PLUGIN_PATH /tmp/p", "QT_QPA_PLATFORM_PLUGIN_PATH /tmp/p",
        "QML2_IMPORT_PATH /tmp/q",
        "QT_XCB_NO_XI2", "GTK_MODULES", "GTK3_MODULES", "GCONV_PATH", "PYTHONPATH", "SSLKEYLOGFILE"])
    assert loader_env.env_evidence(kept) == [
        "LD_PRELOAD loads /tmp/x.so into the launcher",
        "LD_AUDIT loads /tmp/a.so into the launcher as a loader auditor"]


MAPS = """\
5581c000-5581d000 r--p 00000000 08:01 1 /usr/bin/python3.11
5581d000-5581e000 r-xp 00001000 08:01 1 /usr/bin/python3.11
7f00-7f01 r-xp 00000000 08:01 2 /usr/lib/x86_64-linux-gnu/libc.so.6
7f01-7f02 r-xp 00000000 00:1a 3 /tmp/hook.so (deleted)
7f02-7f03 r--p 00000000 08:01 4 /home/s/.fonts/a.ttf
7f03-7f04 r-xp 00000000 00:01 5 /memfd:x (deleted)
7f04-7f05 rwxp 00000000 00:00 0
7f05-7f06 r-xp 00000000 08:01 6 /opt/app/lib/libQt6Core.so.6
7f06-7f07 r-xp 00000000 00:00 0 [vdso]
"""


def test_executable_mappings_from_outside_the_system_and_the_installation_are_named():
    assert loader_env.foreign_mappings(MAPS, ["/usr/lib", "/usr/bin", "/opt/app"]) == ["/tmp/hook.so", "/memfd:x"]


def test_an_elf_build_id_is_read_from_the_note_segment():
    import subprocess

    from launcher.lockdown.identity import file_identity

    shown = subprocess.run(["readelf", "-n", "/bin/sleep"], capture_output=True, text=True).stdout
    build_id = shown.split("Build ID:")[1].split()[0]
    assert file_identity("/bin/sleep") == f"build-id:{build_id}"
    assert file_identity("/etc/passwd") is None  # not a program: a script runs as its interpreter


def test_a_renamed_copy_is_found_by_identity_named_as_what_it_is(tmp_path):
    import shutil
    import subprocess

    from launcher.lockdown.identity import file_identity
    from launcher.lockdown.machine import Machine
    from launcher.lockdown.processes import ProhibitedList, list_processes

    copy = tmp_path / "notarecorder"
    shutil.copy("/bin/sleep", copy)
    listed = {file_identity("/bin/sleep"): "ffmpeg"}  # as if /bin/sleep were this machine's ffmpeg
    proc = subprocess.Popen([str(copy), "60"])
    try:
        machine = Machine.local()
        procs = [p for p in list_processes(machine) if p.pid == proc.pid]
        hits = ProhibitedList().identify(machine, listed).running(machine, procs)
        assert [h.describe() for h in hits] == [f"ffmpeg as notarecorder (pid {proc.pid}): screen recorder"]
        # a chat application's identity is not used (Electron apps share one binary)
        chat = {file_identity("/bin/sleep"): "discord"}
        assert ProhibitedList().identify(machine, chat).running(machine, procs) == []
    finally:
        proc.kill()
        proc.wait()


def test_an_installation_owned_by_root_cannot_be_changed_by_a_plain_user_and_root_can_change_any():
    import os
    import shutil
    import subprocess
    from pathlib import Path

    from launcher.lockdown import exposure

    root = str(Path(__file__).resolve().parents[2])
    python = shutil.which("python3", path="/usr/bin:/bin")
    assert python, "a system Python is needed to run the launcher's core as another user"
    code = f"import sys; sys.path.append({root!r}); from launcher.lockdown import exposure; print(exposure.install_statement())"
    as_nobody = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                                python, "-I", "-c", code], capture_output=True, text=True, timeout=60, cwd="/")
    assert as_nobody.stdout.strip() == "cannot be changed by this user (installed machine-wide)", as_nobody
    if os.geteuid() == 0:
        assert exposure.install_statement().startswith("can be changed by this user (running as root): ")


def test_a_dumpable_helper_of_a_plain_user_is_named_and_yama_2_closes_it(tmp_path):
    import os

    from launcher.lockdown.exposure import memory_exposure
    from launcher.lockdown.machine import Machine

    proc = tmp_path / "proc"
    for pid in (301, 302):
        (proc / str(pid)).mkdir(parents=True)
        (proc / str(pid) / "mem").write_text("")
    os.chown(proc / "301" / "mem", 1000, 1000)  # the kernel gives a dumpable process' files to its user
    student = Machine(proc_root=proc, uid=1000, platform="linux")
    said = memory_exposure(student, [301, 302])
    assert "helper processes (pids 301) are dumpable: any program of this user can read" in said
    (proc / "sys/kernel/yama").mkdir(parents=True)
    (proc / "sys/kernel/yama/ptrace_scope").write_text("1\n")
    assert "programs that started the launcher can read" in memory_exposure(student, [301])
    (proc / "sys/kernel/yama/ptrace_scope").write_text("2\n")
    assert memory_exposure(student, [301]) == ""
    assert memory_exposure(student, [302]) == ""


def test_a_sitecustomize_in_the_interpreters_own_folders_counts_unless_a_package_installed_it(tmp_path):
    site = _site(tmp_path)
    stdlib = tmp_path / "lib" / "python3.11"
    (stdlib / "sitecustomize.py").write_text("import os")
    path = [str(stdlib), str(site)]
    none = tmp_path / "none"
    assert interpreter.stray_run_files(dpkg_info=none, path=path) == [stdlib / "sitecustomize.py"]
    info = tmp_path / "dpkg"
    info.mkdir()
    (info / "libpython3.11-minimal:amd64.list").write_text(f"{stdlib / 'sitecustomize.py'}\n")
    assert interpreter.stray_run_files(dpkg_info=info, path=path) == []
