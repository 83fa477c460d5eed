"""`seb-launcher register`/`unregister` on Linux, checked with the desktop's own tools.

Every test works in a temporary HOME with its own XDG dirs and asks xdg-mime, mimetype and
desktop-file-validate — the programs a file manager or a browser relies on — what they now
see. ``XDG_CURRENT_DESKTOP=X-Generic`` makes xdg-mime take its desktop-neutral path (the one
that reads mimeapps.list and the shared-mime-info database) instead of guessing GNOME or KDE.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from launcher.platform import registration_linux as reg
from tests.support.vectors import VECTORS

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("x-scheme-handler/seb", "x-scheme-handler/sebs", "application/seb")
DESKTOP_VARS = ("KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID", "MATE_DESKTOP_SESSION_ID",
                "DESKTOP_SESSION", "XDG_MENU_PREFIX", "XDG_DATA_DIRS", "XDG_CONFIG_DIRS", "XDG_RUNTIME_DIR")


@pytest.fixture
def desktop(tmp_path: Path) -> dict[str, str]:
    """Environment of a fresh user in a generic desktop session, everything under tmp_path."""
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP_VARS}
    home = tmp_path / "home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CURRENT_DESKTOP="X-Generic",
    )
    return env


def launcher(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "launcher", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def xdg_mime(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(["xdg-mime", *args], env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout.strip()


def seb_file(tmp_path: Path, vector: str) -> Path:
    target = tmp_path / "download" / f"exam-{Path(vector).stem}.seb"
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(VECTORS / vector, target)
    return target


def test_register_makes_links_and_files_open_with_the_launcher(desktop, tmp_path):
    gz = seb_file(tmp_path, "moodle/encrypted.seb")  # gzip outside, as SEB writes it
    xml = seb_file(tmp_path, "moodle/unencrypted.seb")  # a plain XML plist
    assert xdg_mime(desktop, "query", "filetype", str(gz)) != "application/seb"

    proc = launcher(desktop, "register")
    assert proc.returncode == 0, proc.stderr
    assert "now opens seb:// and sebs:// links and .seb files for you" in proc.stdout

    for mime_type in TYPES:
        assert xdg_mime(desktop, "query", "default", mime_type) == "seb-launcher.desktop"
    assert xdg_mime(desktop, "query", "filetype", str(gz)) == "application/seb"
    assert xdg_mime(desktop, "query", "filetype", str(xml)) == "application/seb"

    entry = Path(desktop["XDG_DATA_HOME"]) / "applications" / "seb-launcher.desktop"
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout
    text = entry.read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    program = exec_line.split("=", 1)[1].split()[0].strip('"')
    assert os.path.isabs(program) and os.access(program, os.X_OK)
    assert exec_line.endswith(" %u")
    assert "MimeType=x-scheme-handler/seb;x-scheme-handler/sebs;application/seb;" in text
    assert "Categories=Education;" in text and "NoDisplay" not in text

    icons = Path(desktop["XDG_DATA_HOME"]) / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "seb-launcher.svg").is_file()
    assert (icons / "48x48" / "apps" / "seb-launcher.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_command_in_the_menu_entry_starts_this_launcher(desktop):
    assert launcher(desktop, "register").returncode == 0
    entry = Path(desktop["XDG_DATA_HOME"]) / "applications" / "seb-launcher.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    argv = exec_line.split("=", 1)[1].removesuffix(" %u").split()
    proc = subprocess.run([*argv, "--version"], env=desktop, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("seb-launcher ")


def test_unregister_removes_everything_register_installed(desktop, tmp_path):
    gz = seb_file(tmp_path, "moodle/encrypted.seb")
    data_home = Path(desktop["XDG_DATA_HOME"])
    assert launcher(desktop, "register").returncode == 0

    proc = launcher(desktop, "unregister")
    assert proc.returncode == 0, proc.stderr
    assert "no longer handles" in proc.stdout
    for mime_type in TYPES:
        assert xdg_mime(desktop, "query", "default", mime_type) == ""
    assert xdg_mime(desktop, "query", "filetype", str(gz)) == "application/gzip"
    leftovers = [p for p in data_home.rglob("*seb*")]
    assert leftovers == []
    assert "seb-launcher" not in (Path(desktop["XDG_CONFIG_HOME"]) / "mimeapps.list").read_text()


def other_app(env: dict[str, str], desktop_id: str) -> None:
    """Install another program's desktop entry (xdg-mime reports only installed ones)."""
    apps = Path(env["XDG_DATA_HOME"]) / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    (apps / desktop_id).write_text(f"[Desktop Entry]\nType=Application\nName={desktop_id}\nExec=/bin/true %u\n")


def test_unregister_puts_back_the_handler_that_was_there_before(desktop):
    for desktop_id in ("other-seb.desktop", "editor.desktop", "firefox.desktop"):
        other_app(desktop, desktop_id)
    config = Path(desktop["XDG_CONFIG_HOME"])
    config.mkdir(parents=True)
    (config / "mimeapps.list").write_text(
        "[Default Applications]\nx-scheme-handler/seb=other-seb.desktop\ntext/html=firefox.desktop\n"
    )
    assert launcher(desktop, "register").returncode == 0
    assert xdg_mime(desktop, "query", "default", "x-scheme-handler/seb") == "seb-launcher.desktop"
    # Registering twice must not forget what was there before us.
    assert launcher(desktop, "register").returncode == 0
    # Meanwhile the user chose another program for .seb files: that choice stays.
    subprocess.run(["xdg-mime", "default", "editor.desktop", "application/seb"], env=desktop, check=True)

    assert launcher(desktop, "unregister").returncode == 0
    assert xdg_mime(desktop, "query", "default", "x-scheme-handler/seb") == "other-seb.desktop"
    assert xdg_mime(desktop, "query", "default", "x-scheme-handler/sebs") == ""
    assert xdg_mime(desktop, "query", "default", "application/seb") == "editor.desktop"
    assert xdg_mime(desktop, "query", "default", "text/html") == "firefox.desktop"


def test_register_for_all_users_is_seen_by_a_new_user(desktop, tmp_path):
    system = dict(desktop)
    system[reg.SYSTEM_DATA_DIR_ENV] = str(tmp_path / "usr-local-share")
    system["XDG_CONFIG_DIRS"] = str(tmp_path / "etc-xdg")
    proc = launcher(system, "register", "--system")
    assert proc.returncode == 0, proc.stderr
    assert "for all users" in proc.stdout

    other = dict(desktop)
    other.update(
        HOME=str(tmp_path / "someone"),
        XDG_DATA_HOME=str(tmp_path / "someone" / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "someone" / "config"),
        XDG_DATA_DIRS=f"{tmp_path / 'usr-local-share'}:/usr/share",
        XDG_CONFIG_DIRS=str(tmp_path / "etc-xdg"),
    )
    assert xdg_mime(other, "query", "default", "x-scheme-handler/sebs") == "seb-launcher.desktop"
    gz = seb_file(tmp_path, "moodle/encrypted.seb")
    assert xdg_mime(other, "query", "filetype", str(gz)) == "application/seb"

    assert launcher(system, "unregister", "--system").returncode == 0
    assert xdg_mime(other, "query", "default", "x-scheme-handler/sebs") == ""
    assert not (tmp_path / "usr-local-share" / "applications" / "seb-launcher.desktop").exists()


def test_register_for_all_users_under_a_strict_umask_leaves_everything_readable(desktop, tmp_path):
    system = dict(desktop)
    system[reg.SYSTEM_DATA_DIR_ENV] = str(tmp_path / "usr-local-share")
    system["XDG_CONFIG_DIRS"] = str(tmp_path / "etc-xdg")
    old_umask = os.umask(0o077)  # an administrator's hardened shell; the child inherits it
    try:
        proc = launcher(system, "register", "--system")
    finally:
        os.umask(old_umask)
    assert proc.returncode == 0, proc.stderr
    made = [*(tmp_path / "usr-local-share").rglob("*"), *(tmp_path / "etc-xdg").rglob("*")]
    assert any(p.name == "seb.xml" for p in made)  # the MIME database the tool rebuilt
    hidden = [str(p) for p in made if stat.S_IMODE(p.stat().st_mode) & (0o005 if p.is_dir() else 0o004)
              != (0o005 if p.is_dir() else 0o004)]
    assert hidden == []


def test_a_missing_tool_is_named_with_the_package_to_install(desktop, tmp_path):
    # A PATH with every program of this system except update-mime-database.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in ("/usr/local/bin", "/usr/bin", "/bin"):
        for tool in Path(directory).iterdir():
            if tool.name != "update-mime-database" and not (bin_dir / tool.name).exists():
                (bin_dir / tool.name).symlink_to(tool)
    env = dict(desktop, PATH=str(bin_dir))

    proc = launcher(env, "register")
    assert proc.returncode == 1
    assert "'update-mime-database' was not found" in proc.stderr
    assert "shared-mime-info" in proc.stderr and "register" in proc.stderr
    # Everything that could be done was done: links work, the type database is the only gap.
    assert xdg_mime(desktop, "query", "default", "x-scheme-handler/sebs") == "seb-launcher.desktop"


def test_a_tool_that_cannot_run_is_named_without_a_traceback(desktop, tmp_path):
    bin_dir = tmp_path / "broken-bin"
    bin_dir.mkdir()
    broken = bin_dir / "update-mime-database"
    broken.write_bytes(b"\x00not a program")  # executable bit, but no format the system can run
    broken.chmod(0o755)
    env = dict(desktop, PATH=f"{bin_dir}:{desktop['PATH']}")

    proc = launcher(env, "register")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "'update-mime-database' could not be run" in proc.stderr
    assert xdg_mime(desktop, "query", "default", "x-scheme-handler/sebs") == "seb-launcher.desktop"


def test_register_for_all_users_without_rights_says_what_to_do(desktop):
    # /sys refuses new files even to root, like /usr/local/share refuses a student.
    env = dict(desktop, **{reg.SYSTEM_DATA_DIR_ENV: "/sys/seb-launcher-test/share",
                           "XDG_CONFIG_DIRS": "/sys/seb-launcher-test/xdg"})
    proc = launcher(env, "register", "--system")
    assert proc.returncode == 1
    assert "needs administrator rights" in proc.stderr
    assert "sudo seb-launcher register --system" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_exec_arguments_with_spaces_and_specials_are_quoted_for_the_desktop(tmp_path):
    entry = tmp_path / "seb-launcher.desktop"
    entry.write_text(reg.desktop_entry(["/opt/SEB Launcher/seb-launcher", "--profile=$HOME\\x", "50%"]))
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/SEB Launcher/seb-launcher" "--profile=\\\\$HOME\\\\\\\\x" "50%%" %u'


def test_packaged_files_in_resources_are_what_register_installs():
    for name, text in reg.package_files().items():
        shipped = ROOT / "resources" / "linux" / name
        assert shipped.read_text(encoding="utf-8") == text, (
            f"{shipped} is out of date: run python -m launcher.platform.registration_linux"
        )
    check = subprocess.run(["desktop-file-validate", str(ROOT / "resources/linux/seb-launcher.desktop")],
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout


def test_appstream_metainfo_validates():
    metainfo = ROOT / "resources" / "linux" / "org.seblauncher.Launcher.metainfo.xml"
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "<launchable type=\"desktop-id\">seb-launcher.desktop</launchable>" in metainfo.read_text()


def test_a_wrong_option_is_one_line_pointing_at_help(desktop):
    proc = launcher(desktop, "register", "--everyone")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["seb-launcher register: unrecognized arguments: --everyone (see --help)"]
    assert not (Path(desktop["XDG_DATA_HOME"]) / "applications").exists()
    assert "--system" in launcher(desktop, "unregister", "--help").stdout


def test_gio_starts_the_menu_entry_with_exactly_our_arguments(tmp_path):
    # GLib (what GNOME, Xfce and browsers use to run desktop entries) parses our Exec line back.
    record = tmp_path / "argv.txt"
    script = tmp_path / "odd dir $HOME" / "record argv.py"
    script.parent.mkdir()
    script.write_text(f"import sys\nopen({str(record)!r}, 'w').write(repr(sys.argv[1:]))\n")
    args = ['--profile=a "quoted" $word', "back\\slash", "50%", "semi;colon"]
    entry = tmp_path / "seb-launcher.desktop"
    entry.write_text(reg.desktop_entry([sys.executable, str(script), *args]))
    proc = subprocess.run(["gio", "launch", str(entry), str(tmp_path / "exam.seb")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for _ in range(100):  # gio returns once the child is spawned; wait for its file
        if record.exists() and record.read_text():
            break
        subprocess.run(["sleep", "0.1"])
    assert record.read_text() == repr([*args, str(tmp_path / "exam.seb")])


def test_resetting_defaults_keeps_a_shared_mimeapps_list_readable_for_every_user(tmp_path):
    from launcher.platform.registration_linux import reset_defaults

    mimeapps = tmp_path / "mimeapps.list"
    mimeapps.write_text("[Default Applications]\nx-scheme-handler/seb=seb-launcher.desktop\ntext/html=firefox.desktop\n")
    mimeapps.chmod(0o644)
    old_umask = os.umask(0o077)  # an administrator's strict umask
    try:
        assert reset_defaults(mimeapps, {"x-scheme-handler/seb": "other-seb.desktop"}) == ["x-scheme-handler/seb"]
    finally:
        os.umask(old_umask)
    assert mimeapps.read_text() == (
        "[Default Applications]\nx-scheme-handler/seb=other-seb.desktop\ntext/html=firefox.desktop\n"
    )
    assert stat.S_IMODE(mimeapps.stat().st_mode) == 0o644


def test_unregister_leaves_a_mimeapps_list_that_is_not_utf8_alone(desktop):
    config = Path(desktop["XDG_CONFIG_HOME"])
    config.mkdir(parents=True)
    damaged = b"[Default Applications]\ntext/html=caf\xe9.desktop\n"
    (config / "mimeapps.list").write_bytes(damaged)
    proc = launcher(desktop, "unregister")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (config / "mimeapps.list").read_bytes() == damaged
