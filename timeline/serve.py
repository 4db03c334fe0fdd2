"""Preview a project: build it, serve the output on localhost, rebuild when a source changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

from timeline.build import DEFAULT_OUT
from timeline.events import PROJECT_FILE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would drown the build messages


def sources_of(folder: Path, out: Path) -> dict[Path, tuple[int, int]]:
    """Every file of the project folder that a build may read, with its mtime and size.

    The output folder and hidden folders (.git, .venv) are left out; watching every other
    file keeps new included files and documents from being missed.
    """
    found: dict[Path, tuple[int, int]] = {}
    out = out.resolve()
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        resolved = path.resolve()
        if resolved == out or out in resolved.parents or not path.is_file():
            continue
        stat = path.stat()
        found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def serve(
    folder: str,
    out: str | None,
    host: str,
    port: int,
    rebuild: Callable[[], None],
    announce: Callable[[str], None],
    interval: float = 0.5,
    stop: threading.Event | None = None,
) -> None:
    """Serve ``out`` on ``host:port`` and call ``rebuild`` whenever a source file changes.

    ``rebuild`` is called once before serving; it reports its own problems. The loop ends
    when ``stop`` is set (or on Ctrl+C).
    """
    root = Path(folder)
    target = Path(out) if out is not None else root / DEFAULT_OUT
    if not (root / PROJECT_FILE).is_file():
        raise FileNotFoundError(root / PROJECT_FILE)
    rebuild()
    target.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(target))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announce(f"http://{host}:{server.server_address[1]}/")
    stop = stop or threading.Event()
    seen = sources_of(root, target)
    try:
        while not stop.wait(interval):
            now = sources_of(root, target)
            if now != seen:
                seen = now
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        time.sleep(0)
