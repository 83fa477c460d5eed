"""Copy and paste inside the exam only (``clipboardPolicy`` 2, isolated) or not at all (1, block).

One job: the page side of the clipboard policy. A script injected at document creation into
every frame (in its own script world, out of the page's reach) takes over the page's ``copy``,
``cut`` and ``paste`` events:

* isolated: the selected text goes to the launcher (``POST sebapi:clipboard``, synchronous),
  where :class:`ClipboardStore` keeps it for every window of the exam; a paste inserts what the
  store holds. Chromium never writes the system clipboard, so nothing leaves the exam and
  nothing from outside comes in.
* block: the events are swallowed (the keys are swallowed too, by the input guard).

The system clipboard itself is emptied and watched by ``launcher.exam.clipboard_guard``.
"""

from __future__ import annotations

import logging

from PySide6.QtWebEngineCore import QWebEngineScript

from launcher.browser.options import CLIPBOARD_BLOCK, CLIPBOARD_ISOLATED

log = logging.getLogger(__name__)

MAX_TEXT = 1024 * 1024  # characters kept from one copy

_SCRIPT = r"""
(function () {
  'use strict';
  if (window.__sebLauncherClipboard) { return; }
  window.__sebLauncherClipboard = true;
  var mode = '%MODE%';
  var endpoint = 'sebapi:clipboard';
  function textFields(el) {
    return el && (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' &&
      /^(text|search|url|tel|email|number|password)$/i.test(el.type || 'text')));
  }
  function selected() {
    var el = document.activeElement;
    if (textFields(el) && typeof el.selectionStart === 'number') {
      return el.value.substring(el.selectionStart, el.selectionEnd);
    }
    var s = window.getSelection();
    return s ? String(s) : '';
  }
  function put(text) {
    try { var x = new XMLHttpRequest(); x.open('POST', endpoint, false); x.send(text); } catch (e) {}
  }
  function get() {
    try {
      var x = new XMLHttpRequest(); x.open('GET', endpoint, false); x.send(null);
      return x.status === 200 ? x.responseText : '';
    } catch (e) { return ''; }
  }
  function swallow(e) { e.preventDefault(); e.stopImmediatePropagation(); }
  document.addEventListener('copy', function (e) {
    swallow(e);
    if (mode === 'isolated') { put(selected()); }
  }, true);
  document.addEventListener('cut', function (e) {
    swallow(e);
    if (mode === 'isolated') {
      var t = selected();
      put(t);
      if (t) { document.execCommand('delete'); }
    }
  }, true);
  document.addEventListener('paste', function (e) {
    swallow(e);
    if (mode === 'isolated') {
      var t = get();
      if (t) { document.execCommand('insertText', false, t); }
    }
  }, true);
})();
"""


def clipboard_script(policy: int) -> QWebEngineScript | None:
    """The injected script for ``policy`` (None for allow: the page uses the system clipboard)."""
    if policy not in (CLIPBOARD_BLOCK, CLIPBOARD_ISOLATED):
        return None
    script = QWebEngineScript()
    script.setName("seb-launcher-clipboard")
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    script.setRunsOnSubFrames(True)
    script.setSourceCode(_SCRIPT.replace("%MODE%", "isolated" if policy == CLIPBOARD_ISOLATED else "block"))
    return script


class ClipboardStore:
    """The exam's own clipboard: text copied in one of its pages, for a paste in any of them."""

    def __init__(self) -> None:
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text[:MAX_TEXT]

    def clear(self) -> None:
        self._text = ""
