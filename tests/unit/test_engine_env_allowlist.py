"""Which engine variables and Chromium flags survive from the environment (pure part)."""

from __future__ import annotations

from launcher.browser import engine_env
from launcher.config.settings import Settings


def test_only_allowlisted_flags_and_variables_survive():
    env = {
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --host-resolver-rules=MAP\\ * --disable-gpu "
                                      "--disable-web-security --force-renderer-accessibility --use-gl=egl",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "QTWEBENGINEPROCESS_PATH": "/tmp/evil",
        "QTWEBENGINE_REMOTE_DEBUGGING": "9222",
        "HOME": "/home/s",
    }
    dropped = engine_env.harden(env)
    assert env == {
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu --force-renderer-accessibility --use-gl=egl",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "HOME": "/home/s",
    }
    assert "QTWEBENGINEPROCESS_PATH" in dropped
    assert "QTWEBENGINE_CHROMIUM_FLAGS --disable-web-security" in dropped
    engine_env.allow_for_exam(Settings.from_dict({}), env)
    assert "QTWEBENGINE_REMOTE_DEBUGGING" not in env
    engine_env.allow_for_exam(Settings.from_dict({"allowDeveloperConsole": True}), env)
    assert env["QTWEBENGINE_REMOTE_DEBUGGING"] == "9222"


def test_nothing_to_drop_changes_nothing():
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    assert engine_env.harden(env) == []
    assert env == {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
