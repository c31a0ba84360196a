"""A real headless browser for the HTML report tests: Debian's ``chromium`` package (``.ci/run``
installs it when absent; no downloaded browser builds).

* ``chromium()`` -> path of the binary; a missing browser FAILS the test (it is required, like spaCy)
* ``load(page, fragment="", tmp=...)`` -> :class:`Loaded`: the DOM after the page's scripts ran
  (``--dump-dom``), the console lines Chromium logged, and the URLs the page itself requested
  (from ``--log-net-log``)
* ``page_requests(netlog)``: URL requests made on behalf of a ``file://`` page (Chromium's own
  background requests -- update checks, account lookups -- have another network isolation key
  and are not the page's)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed: `apt-get install -y chromium` (.ci/run installs it when absent)")
    return path


@dataclass
class Loaded:
    dom: str
    console: list[str]
    requests: list[str]


def page_requests(netlog: Path) -> list[str]:
    """URLs the page requested: URL_REQUEST_START_JOB events whose network isolation key is the
    ``file://`` site the page was loaded from."""
    log = json.loads(netlog.read_text(encoding="utf-8", errors="replace"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    out = []
    for ev in log["events"]:
        params = ev.get("params") or {}
        if ev["type"] == start_job and "url" in params and str(params.get("network_isolation_key", "")).startswith("file://"):
            out.append(params["url"])
    return out


def load(page: Path, tmp: Path, fragment: str = "", extra: tuple[str, ...] = ()) -> Loaded:
    """Open ``file://page#fragment`` in headless Chromium and return what the test asserts on."""
    tmp.mkdir(parents=True, exist_ok=True)
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    netlog = profile.with_suffix(".netlog.json")
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--log-net-log={netlog}",
           "--enable-logging=stderr", "--v=0", *extra, "--dump-dom", url]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return Loaded(run.stdout, console, page_requests(netlog))
