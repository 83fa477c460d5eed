"""The browser engine's start adds nothing to the process environment: the launcher sets what
the engine would add beforehand (``engine_env.before_engine_start``). Adding a variable moves
libc's environment array while the engine's font thread reads it — a crash (SIGSEGV in
fontconfig) at one start in three on a busy machine under Wayland."""

from __future__ import annotations

import os

from support.cli import user_env
from support.engine_environment import engine_start_gains


def test_the_engine_start_adds_no_variable_to_the_environment(tmp_path):
    got = engine_start_gains({**os.environ, **user_env(tmp_path)})
    assert got["profile"] and got["platform"] == "offscreen"
    assert got["gained"] == []


def test_a_value_the_user_set_is_left_as_it_is():
    from launcher.browser.engine_env import before_engine_start

    env = {"EGL_PLATFORM": "surfaceless"}
    assert before_engine_start("wayland", env) == ["force_s3tc_enable"]
    assert env == {"EGL_PLATFORM": "surfaceless", "force_s3tc_enable": "true"}
    env = {}
    assert before_engine_start("xcb", env) == ["force_s3tc_enable"] and "EGL_PLATFORM" not in env
