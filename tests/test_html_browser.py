"""The HTML timeline in a real browser: headless Chromium (Debian package ``chromium``).

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON
messages on file descriptors 3 and 4), so the test needs nothing beyond the standard library and
sees console messages with their level, uncaught exceptions and CSP violations.
``--enable-logging`` would not do: it prints ``console.error`` and ``console.log`` alike.

The test saves ``tests/artifacts/timeline.png`` (gitignored) for a person to look at. With
``QUADNEWS_UPDATE_GOLDEN=1`` it also refreshes ``docs/timeline.png``, the README's screenshot.
Skipped, with the reason, when no Chromium is installed (CI installs it).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quadnews.render.demo import sample_timeline
from quadnews.render.html import timeline_to_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WIDTH = 1200
TIMEOUT = 30.0


def _chromium() -> str | None:
    for name in (os.environ.get("QUADNEWS_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, exe: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # runs in the child: the protocol wants exactly fds 3 (in) and 4 (out)
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}",
                 "--remote-debugging-pipe", "about:blank"]
        # close_fds=False: subprocess would otherwise close fds 3 and 4 after ``fds`` made them;
        # every other descriptor of ours is close-on-exec (Python's default) and stays private.
        self.proc = subprocess.Popen([exe, *flags], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=fds, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self._ids = itertools.count(1)
        self._buf = b""
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe (did it crash?)")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        msg: dict[str, Any] = json.loads(raw)
        return msg

    def call(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False) -> dict[str, Any]:
        mid = next(self._ids)
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if not browser:
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == mid:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        for i, ev in enumerate(self.events):
            if ev["method"] == method:
                return self.events.pop(i)
        while True:
            msg = self._read(deadline)
            if msg.get("method") == method:
                return msg
            if "method" in msg:
                self.events.append(msg)

    def open_page(self) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def load(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser-logged errors (CSP, failed loads)."""
        out = []
        for ev in self.events:
            p = ev.get("params", {})
            if ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif ev["method"] == "Runtime.exceptionThrown":
                out.append("exception: " + p["exceptionDetails"].get("text", ""))
            elif ev["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(f"{p['entry']['source']}: {p['entry']['text']}")
        return out

    def evaluate(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"]["value"]

    def screenshot(self, path: Path, *, full_page: bool = True, height: int = 1600) -> None:
        if full_page:
            height = int(self.call("Page.getLayoutMetrics")["cssContentSize"]["height"])
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False})
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", browser=True)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium not found: install the Debian package `chromium` (apt-get install -y chromium) "
                    "or set QUADNEWS_CHROMIUM to a Chrome/Chromium binary")
    with tempfile.TemporaryDirectory(prefix="quadnews-chromium-") as profile:
        b = Browser(exe, profile)
        try:
            b.open_page()
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Browser:
    path = tmp_path_factory.mktemp("html") / "timeline.html"
    path.write_text(timeline_to_html(sample_timeline(), title="QUAD timeline"), encoding="utf-8")
    browser.load(path.as_uri())
    return browser


def test_page_has_no_console_errors(page: Browser) -> None:
    assert page.errors() == []


def test_every_entry_is_rendered(page: Browser) -> None:
    text = " ".join(page.evaluate("document.body.innerText").split())
    for entry in sample_timeline().entries:
        assert entry.text in text, entry.text
    # The <script> in an article's text is shown, never run or parsed as markup.
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('li.entry').length") == len(sample_timeline().entries)


def test_entries_are_visible_and_fit_1200px(page: Browser) -> None:
    boxes = page.evaluate(
        "[...document.querySelectorAll('li.entry .card')].map(c => {const r = c.getBoundingClientRect();"
        " return [r.width, r.height, r.right]})")
    assert boxes and all(w > 300 and h > 20 and right <= WIDTH for w, h, right in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_planned_entries_look_different(page: Browser) -> None:
    styles = page.evaluate(
        "['li.entry.planned .card', 'li.entry.happened .card'].map(s =>"
        " getComputedStyle(document.querySelector(s)).borderTopStyle)")
    assert styles == ["dashed", "solid"]


def test_screenshot(page: Browser) -> None:
    shot = ARTIFACTS / "timeline.png"
    page.screenshot(shot)
    assert shot.stat().st_size > 10_000
    if os.environ.get("QUADNEWS_UPDATE_GOLDEN") == "1":
        page.screenshot(ROOT / "docs" / "timeline.png", full_page=False, height=1400)


def test_error_detection_works(browser: Browser, tmp_path: Path) -> None:
    # Without this control a broken listener would make "no console errors" pass vacuously.
    ctl = tmp_path / "control.html"
    ctl.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); undefinedCall();</script>",
                   encoding="utf-8")
    browser.load(ctl.as_uri())
    errors = browser.errors()
    assert any("boom" in e for e in errors) and any(e.startswith("exception") for e in errors), errors
