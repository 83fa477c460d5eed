"""SEB's window mode sizes and places windows as SEB for Windows does."""

from __future__ import annotations

import pytest

from launcher.config.window_layout import Rect, Size, main_window, new_window, parse_size

AREA = Rect(0, 0, 1000, 800)


def test_a_file_without_view_mode_is_full_screen() -> None:
    assert main_window({}).fills(AREA)


def test_full_screen_mode_ignores_sizes() -> None:
    spec = main_window({"browserViewMode": 1, "mainBrowserWindowWidth": "50%"})
    assert spec.fills(AREA)


def test_window_mode_at_full_size_fills_the_screen() -> None:
    # what SEB's configuration tool and Moodle write: a window as large as the screen
    spec = main_window({"browserViewMode": 0, "mainBrowserWindowWidth": "100%", "mainBrowserWindowHeight": "100%",
                        "mainBrowserWindowPositioning": 1})
    assert spec.fills(AREA)


@pytest.mark.parametrize(
    ("position", "x"),
    [(0, 0), (1, 250), (2, 500)],
)
def test_window_mode_sizes_and_positions(position: int, x: int) -> None:
    spec = main_window({"browserViewMode": 0, "mainBrowserWindowWidth": "50%", "mainBrowserWindowHeight": "600",
                        "mainBrowserWindowPositioning": position})
    assert not spec.fills(AREA)
    assert spec.geometry(AREA) == Rect(x, 100, 500, 600)


def test_geometry_is_inside_an_offset_area() -> None:
    spec = main_window({"browserViewMode": 0, "mainBrowserWindowWidth": "400", "mainBrowserWindowPositioning": 2})
    assert spec.geometry(Rect(100, 30, 1000, 800)) == Rect(700, 30, 400, 800)


def test_new_windows_default_to_the_right_half() -> None:
    assert new_window({}).geometry(AREA) == Rect(500, 0, 500, 800)
    spec = new_window({"newBrowserWindowByLinkWidth": "300", "newBrowserWindowByLinkHeight": "50%",
                       "newBrowserWindowByLinkPositioning": 0})
    assert spec.geometry(AREA) == Rect(0, 200, 300, 400)


@pytest.mark.parametrize("value", ["", "abc", "-5", "0", "50 px", None, True, 3.5])
def test_sizes_seb_cannot_read_keep_the_default(value: object) -> None:
    assert parse_size("mainBrowserWindowWidth", value, Size(100)) == Size(100)


def test_sizes_larger_than_the_screen_are_clamped() -> None:
    assert Size(5000, relative=False).of(1000) == 1000
    assert Size(150).of(1000) == 1000
