"""When the launcher need not restart itself isolated: only a start that ran nothing ``-I``
would have kept out (``launcher.platform.isolation.started_clean``)."""

from __future__ import annotations

import site
import sys

from launcher.lockdown import interpreter
from launcher.platform.isolation import started_clean


class Flags:
    inspect = interactive = dev_mode = no_user_site = no_site = 0


def test_a_start_without_python_variables_or_options_is_clean():
    assert started_clean({"HOME": "/home/s", "PYTHONUNBUFFERED": "1"}, Flags, {}, [])
    assert started_clean({}, Flags, {"importtime": True}, [])


def test_python_variables_that_load_or_choose_code_are_not():
    for name in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONPYCACHEPREFIX", "PYTHONUSERBASE",
                 "PYTHONINSPECT", "PYTHONSAFEPATH", "PYTHON_KEYRING_BACKEND", "PYTHONWARNINGS"):
        assert not started_clean({name: "/tmp/x"}, Flags, {}, []), name


def test_options_that_change_what_python_runs_are_not():
    assert not started_clean({}, Flags, {"pycache_prefix": "/tmp/c"}, [])
    assert not started_clean({}, Flags, {"dev": True}, [])

    class Inspect(Flags):
        inspect = 1

    assert not started_clean({}, Inspect, {}, [])


def test_a_user_site_directory_on_the_path_is_not(monkeypatch, tmp_path):
    monkeypatch.setattr(site, "ENABLE_USER_SITE", True)
    monkeypatch.setattr(site, "USER_SITE", str(tmp_path))
    assert not started_clean({}, Flags, {}, [*sys.path, str(tmp_path)])
    assert started_clean({}, Flags, {}, [p for p in sys.path if p != str(tmp_path)])

    class NoUserSite(Flags):
        no_user_site = 1

    assert started_clean({}, NoUserSite, {}, [str(tmp_path)])


def test_the_start_check_accepts_a_clean_start_of_the_program_only():
    class NotIsolated:
        isolated = 0

    assert interpreter.isolation_evidence(NotIsolated, frozen=False, program=True, clean=True) == []
    assert interpreter.isolation_evidence(NotIsolated, frozen=False, program=True, clean=False)
