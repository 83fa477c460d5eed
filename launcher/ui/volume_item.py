"""The volume item of the taskbar (``audioControlEnabled``): mute and a volume slider for the
computer's default sound output.

One job: show and change the default output's volume and mute through the sound server
(``launcher.platform.pulse_audio``); hidden when no sound server answers. The mute button and
the slider are reachable with Tab; Space mutes, the arrow keys and Page Up/Down move the volume
in 5/10 % steps. It reads the server again every few seconds (a volume key or another program
may change it); each read or change is one short connection, so nothing stays open between
them. What the exam started with is put back at its end by ``launcher.exam.exam_audio``.
"""

from __future__ import annotations

import logging
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSlider, QWidget

from launcher.platform.pulse_audio import PulseClient, PulseError, Sink, channels_at
from launcher.ui.taskbar_button import TaskbarButton
from launcher.ui.taskbar_icons import SIZE, icon

log = logging.getLogger(__name__)

_Answer = TypeVar("_Answer")

REFRESH_MS = 5_000
# Without an answering sound server: look again this rarely, and wait at most this long, so a
# hung server costs the exam's window a fraction of a second twice a minute, not 2 s every 5 s.
RETRY_MS = 30_000
TIMEOUT_S = 0.3
SLIDER_WIDTH, SLIDER_MIN = 96, 28


def icon_name(percent: int, mute: bool) -> str:
    if mute or percent == 0:
        return "volume-muted"
    return "volume-low" if percent < 34 else "volume-medium" if percent < 67 else "volume-high"


class VolumeItem(QWidget):
    """Mute button and volume slider; ``sink`` is what the server reported last."""

    def __init__(self, parent: QWidget, *, client: Callable[[], PulseClient] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("volume")
        self._client_factory = client or (lambda: PulseClient(timeout=TIMEOUT_S))
        self.sink: Sink | None = None
        self.updates = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.mute_button = TaskbarButton(self)
        self.mute_button.setObjectName("mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setIconSize(QSize(SIZE, SIZE))
        self.mute_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.mute_button.setAccessibleName(QCoreApplication.translate("VolumeItem", "Mute"))
        self.mute_button.toggled.connect(self._set_mute)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("volumeSlider")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setMinimumWidth(SLIDER_MIN)  # a narrow bar shortens it before anything else
        self.slider.setMaximumWidth(SLIDER_WIDTH)
        self.slider.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setAccessibleName(QCoreApplication.translate("VolumeItem", "Volume"))
        self.slider.valueChanged.connect(self._set_volume)
        row.addWidget(self.mute_button)
        row.addWidget(self.slider)
        self.setVisible(False)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.refresh)
        self._poll.start(REFRESH_MS)
        self.refresh()

    @property
    def poll_ms(self) -> int:
        """How often the item reads the server now (slower while none answers)."""
        return self._poll.interval()

    def refresh(self) -> None:
        """Read the default output again; hide the item when no sound server answers."""
        if self.slider.isSliderDown():
            return  # the student is moving it
        try:
            sink = self._call(lambda c: c.default_sink())
        except PulseError as exc:
            if self.sink is not None or self.updates == 0:
                log.info("volume item hidden: %s", exc)
            self.sink = None
            self.setVisible(False)
            self._poll.setInterval(RETRY_MS)
        else:
            self._show(sink)
            self._poll.setInterval(REFRESH_MS)
        self.updates += 1

    def _call(self, action: Callable[[PulseClient], _Answer]) -> _Answer:
        client = self._client_factory()
        try:
            client.connect()
            return action(client)
        finally:
            client.close()

    def _show(self, sink: Sink) -> None:
        self.sink = sink
        for widget, value in ((self.mute_button, sink.mute), (self.slider, sink.percent)):
            widget.blockSignals(True)
            if widget is self.mute_button:
                self.mute_button.setChecked(bool(value))
            else:
                self.slider.setValue(int(value))
            widget.blockSignals(False)
        self._describe()
        self.setVisible(True)

    def _describe(self) -> None:
        sink = self.sink
        if sink is None:
            return
        percent = str(self.slider.value())
        if sink.mute:
            text = QCoreApplication.translate("VolumeItem", "Sound muted (volume %1 %)").replace("%1", percent)
            hint = QCoreApplication.translate("VolumeItem", "press to turn the sound on")
        else:
            text = QCoreApplication.translate("VolumeItem", "Volume %1 %").replace("%1", percent)
            hint = QCoreApplication.translate("VolumeItem", "press to mute")
        self.mute_button.set_icon(icon_name(self.slider.value(), sink.mute))
        self.mute_button.setText(text)
        #: Between the volume and what pressing the mute button does, e.g. "Volume 40 % — press to mute".
        self.mute_button.setToolTip(QCoreApplication.translate("VolumeItem", "%1 — %2").replace("%1", text).replace("%2", hint))
        self.mute_button.setAccessibleDescription(text)
        self.slider.setToolTip(text)
        self.slider.setAccessibleDescription(text)

    def _set_volume(self, percent: int) -> None:
        sink = self.sink
        if sink is None:
            return
        channels = channels_at(percent, len(sink.channels))
        try:
            self._call(lambda c: c.set_volume(sink.name, channels))
        except PulseError as exc:
            log.warning("volume not changed: %s", exc)
            self.refresh()
            return
        self.sink = Sink(sink.name, sink.description, channels, sink.mute)
        self._describe()

    def _set_mute(self, mute: bool) -> None:
        sink = self.sink
        if sink is None:
            return
        try:
            self._call(lambda c: c.set_mute(sink.name, mute))
        except PulseError as exc:
            log.warning("sound not %s: %s", "muted" if mute else "turned on", exc)
            self.refresh()
            return
        log.info("the student %s the sound", "muted" if mute else "turned on")
        self.sink = Sink(sink.name, sink.description, sink.channels, mute)
        self._describe()
