"""Under Wayland the engine's start adds two variables (``force_s3tc_enable``, ``EGL_PLATFORM``):
the launcher sets both beforehand, so the engine's start moves nothing under its font thread
(the launcher crashed with SIGSEGV in fontconfig's ``getenv`` there, one start in three on a
busy machine, before it did)."""

from __future__ import annotations

import os

from support.cli import user_env
from support.engine_environment import engine_start_gains


def test_the_engine_start_on_wayland_adds_no_variable_to_the_environment(compositor, tmp_path):
    env = compositor.client_env(dict(os.environ, **user_env(tmp_path)))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.pop("EGL_PLATFORM", None)
    got = engine_start_gains(env)
    assert got["profile"] and got["platform"] == "wayland"
    assert got["gained"] == []
