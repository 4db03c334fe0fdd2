"""Draw charts (SVG, PNG) and make the Vega bundle with vl-convert, in helper processes."""

from __future__ import annotations

import hashlib
import json
import queue
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from functools import cache, partial
from pathlib import Path
from typing import IO, Any, TypeVar

import vl_convert as vlc

from timeline.cache import NO_CACHE, Cache, machine_cache
from timeline.errors import TimelineError

VEGA_LITE_VERSION = "v6.4"  # the Vega-Lite version of Altair's schema and of the bundle

# Vega numbers clip paths with a counter that runs for the whole process, so the same chart
# drawn second would otherwise differ from itself drawn first.
_CLIP_ID = re.compile(r"\b(clip)(\d+)\b")

# A chart drawn as soon as a helper starts, so that vl-convert's JavaScript engine (a third
# of a second to start) is ready by the time the build has its charts.
_WARM_UP = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}


T = TypeVar("T")
U = TypeVar("U")


class RenderError(TimelineError):
    """A chart or the bundle that vl-convert could not make."""


def vlc_version() -> str:
    return str(getattr(vlc, "__version__", "unknown"))


# Where vl-convert finds the system's fonts, which its drawings depend on.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


@cache
def fonts_digest() -> str:
    """A digest of the fonts installed (paths, sizes and dates): the same chart is drawn
    otherwise once fonts are added or removed."""
    digest = hashlib.sha256()
    for folder in FONT_FOLDERS:
        for path in sorted(Path(folder).expanduser().rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


_VL_CONVERT_BASE = "https://vega.github.io/vega-datasets/"


@cache
def locales(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The d3 number and time locales called ``name`` (e.g. fr-FR), as Vega wants them."""
    known: Any = name  # vl-convert types the name as a Literal of the locales it knows
    return vlc.get_format_locale(known), vlc.get_time_format_locale(known)


def draw(spec_text: str, locale: str) -> tuple[bytes, bytes]:
    """A Vega-Lite chart as SVG (clip-path ids numbered from 1) and as PNG at twice the size."""
    number, time = locales(locale)
    svg: str = vlc.vegalite_to_svg(spec_text, vl_version=VEGA_LITE_VERSION,
                                   format_locale=number, time_format_locale=time)  # fmt: skip
    # vl-convert resolves links against the base address it loads data from: the marks'
    # links to the site's pages must stay relative, as in the spec.
    svg = svg.replace(f'xlink:href="{_VL_CONVERT_BASE}', 'xlink:href="')
    numbers: dict[str, str] = {}
    svg = _CLIP_ID.sub(
        lambda m: m.group(1) + numbers.setdefault(m.group(2), str(len(numbers) + 1)), svg
    )
    # The PNG comes from the SVG: no second run of Vega.
    png: bytes = vlc.svg_to_png(svg, scale=2)
    return svg.encode(), png


def bundle() -> bytes:
    """Vega, Vega-Lite and Vega-Embed in one script (about a second to make)."""
    # The stub asks for a snippet, but the function defaults to the standard one.
    script: str = vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION)  # type: ignore[call-arg]
    return script.encode()


class Renderer:
    """Draws charts and makes the bundle on ``helpers`` processes, or here when 0.

    The bundle depends on no project: it is kept in ``cache``, meant to be the machine's.

    Each call returns a Future at once, so that the build goes on writing pages while
    vl-convert draws on the other cores. Use it as a context manager: leaving it stops the
    helpers.
    """

    def __init__(self, helpers: int = 0, cache: Cache = NO_CACHE) -> None:
        # The helpers start now, to have vl-convert ready when the charts come.
        self._helpers = [_Helper() for _ in range(helpers)]
        self._cache = cache
        # Work waits here and goes to the first helper that is free, so that a long drawing
        # (or the bundle) on one helper does not hold up the others.
        self._queue: deque[tuple[dict[str, str], Future[Any]]] = deque()
        self._idle = list(self._helpers)
        self._lock = threading.Lock()
        self._bundle: Future[bytes] | None = None

    @classmethod
    def for_build(cls, jobs: int, use_cache: bool) -> Renderer:
        """The renderer of a build on ``jobs`` cores: none on one, else two helpers (one may
        spend a second on the bundle while the other draws), with the machine's cache."""
        return cls(0 if jobs <= 1 else min(jobs, 2), machine_cache(use_cache))

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def close(self) -> None:
        for helper in self._helpers:
            helper.close()

    def draw(self, spec_text: str, locale: str) -> Future[tuple[bytes, bytes]]:
        """The chart's SVG and PNG, to come."""
        return self._call({"do": "draw", "spec": spec_text, "locale": locale})

    def bundle(self) -> Future[bytes]:
        """The Vega bundle, to come: from the cache, or made once by the first call."""
        if self._bundle is None:
            bundled: Future[bytes] = Future()
            self._bundle = bundled
            key = Cache.key("bundle", VEGA_LITE_VERSION, vlc_version())
            stored = self._cache.get_bytes("bundle", key)
            if stored is not None:
                bundled.set_result(stored)
            else:

                def keep(answer: tuple[bytes]) -> bytes:
                    self._cache.put_bytes("bundle", key, answer[0])
                    return answer[0]

                made = self._call({"do": "bundle"})
                made.add_done_callback(lambda done: chain(done, bundled, keep))
        return self._bundle

    def _call(self, request: dict[str, str]) -> Future[Any]:
        if not self._helpers:
            result: Future[Any] = Future()
            try:
                result.set_result(_answer(request))
            except Exception as error:  # vl-convert raises bare exceptions
                result.set_exception(RenderError(str(error)))
            return result
        answer: Future[Any] = Future()
        with self._lock:
            self._queue.append((request, answer))
        self._hand_out()
        return answer

    def _hand_out(self) -> None:
        handed = []
        with self._lock:
            while self._idle and self._queue:
                handed.append((self._idle.pop(0), *self._queue.popleft()))
        # Sent outside the lock: an answer that is already there calls back at once.
        for helper, request, answer in handed:
            done = helper.send(request)
            done.add_done_callback(partial(self._returned, helper, answer))

    def _returned(self, helper: _Helper, answer: Future[Any], done: Future[Any]) -> None:
        chain(done, answer, lambda parts: parts)
        if not helper.stopped:
            with self._lock:
                self._idle.append(helper)
        elif all(h.stopped for h in self._helpers):
            with self._lock:
                left, self._queue = list(self._queue), deque()
            for _, waiting in left:
                waiting.set_exception(RenderError("the drawing helpers stopped"))
        self._hand_out()


def chain(done: Future[T], into: Future[U], convert: Callable[[T], U]) -> None:
    """Settle ``into`` with ``convert`` of what ``done`` gave, or with its error."""
    try:
        into.set_result(convert(done.result()))
    except Exception as error:  # handed on to whoever waits on ``into``
        into.set_exception(error)


IN_PROCESS = Renderer()


def _answer(request: dict[str, str]) -> tuple[bytes, ...]:
    if request["do"] == "draw":
        return draw(request["spec"], request["locale"])
    return (bundle(),)


class _Helper:
    """One ``python -m timeline.render`` process.

    Requests go in as JSON lines; each answer comes back, in order, as a JSON line giving
    the sizes of its parts (or the error), followed by the parts' bytes. Two threads move
    the bytes, so that neither side ever waits on a full pipe.
    """

    def __init__(self) -> None:
        # Run from the folder that holds this package, so that a "timeline" folder in the
        # user's working directory cannot be imported in its place.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "timeline.render"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parent.parent,
        )
        self.waiting: deque[Future[Any]] = deque()
        self.stopped = False
        self._lock = threading.Lock()
        self._requests: queue.Queue[bytes | None] = queue.Queue()
        threading.Thread(target=self._write, daemon=True).start()
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, request: dict[str, str]) -> Future[Any]:
        answer: Future[Any] = Future()
        with self._lock:
            if self.stopped:
                answer.set_exception(self._stopped())
                return answer
            self.waiting.append(answer)
        self._requests.put(json.dumps(request).encode() + b"\n")
        return answer

    def _stopped(self) -> RenderError:
        return RenderError(f"the drawing helper stopped (exit code {self.process.wait()})")

    def close(self) -> None:
        self._requests.put(None)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def _write(self) -> None:
        stream = self.process.stdin
        assert stream is not None
        try:
            while (request := self._requests.get()) is not None:
                stream.write(request)
                stream.flush()
            stream.close()
        except OSError:
            pass  # the helper is gone: the reader fails what waits

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while header := stream.readline():
            answer = json.loads(header)
            waiting = self.waiting.popleft()
            if "error" in answer:
                waiting.set_exception(RenderError(answer["error"]))
            else:
                waiting.set_result(tuple(stream.read(size) for size in answer["sizes"]))
        with self._lock:
            self.stopped = True
            left, self.waiting = list(self.waiting), deque()
        for waiting in left:
            waiting.set_exception(self._stopped())


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer requests, in order, until ``requests`` ends (the helper's side)."""
    draw(json.dumps(_WARM_UP), "en-US")
    for line in requests:
        try:
            parts = _answer(json.loads(line))
            header: dict[str, Any] = {"sizes": [len(part) for part in parts]}
        except Exception as error:  # any failure goes back to the build
            parts, header = (), {"error": str(error) or type(error).__name__}
        answers.write(json.dumps(header).encode() + b"\n")
        for part in parts:
            answers.write(part)
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
