"""Chart files: the Vega-Lite spec, SVG, PNG, CSV and an offline HTML page per chart."""

from __future__ import annotations

import html
import json
import re
from concurrent.futures import Future
from typing import Any

from timeline.cache import NO_CACHE, Cache
from timeline.charts import ChartMeta, ChartSpec, spec
from timeline.datafiles import csv_bytes, dataset_citation
from timeline.dataset import Dataset
from timeline.i18n import D3_LOCALES, text
from timeline.render import (
    IN_PROCESS,
    VEGA_LITE_VERSION,
    Renderer,
    chain,
    fonts_digest,
    locales,
    vlc_version,
)

CHARTS_FOLDER = "charts"
ASSETS_FOLDER = "assets"
BUNDLE = "vega/vega-embed.js"  # under assets/: Vega, Vega-Lite and Vega-Embed in one file
BUNDLE_LICENSE = "vega/LICENSES.txt"

# Vega and Altair number the selections and views they generate ("param_3", "view_12")
# from counters that run for the whole process: renumber them in order of appearance so
# that a chart's spec does not depend on what was drawn before it.
_GENERATED_NAME = re.compile(r'"((?:param|view|concat|layer)_\d+)"')


def spec_json(chart: ChartSpec) -> str:
    """The chart's spec as stable JSON: sorted keys, generated names renumbered."""
    raw = json.dumps(spec(chart), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        old = match.group(1)
        prefix = old.rsplit("_", 1)[0]
        names.setdefault(old, f"{prefix}_{len(names) + 1}")
        return f'"{names[old]}"'

    return _GENERATED_NAME.sub(rename, raw)


def embed_options(chart: ChartMeta, lang: str, base_url: str = "") -> dict[str, Any]:
    """Options for vegaEmbed: locale, renderer, and where links resolve from."""
    number, time = locales(D3_LOCALES[lang])
    options: dict[str, Any] = {
        "renderer": chart.renderer,
        "actions": False,
        "formatLocale": number,
        "timeFormatLocale": time,
        "i18n": {},
    }
    if base_url:
        options["loader"] = {"baseURL": base_url}
    return options


def chart_page(chart: ChartMeta, spec_text: str, dataset: Dataset) -> str:
    """A standalone page for one chart, that works offline from disk or any web folder.

    It is drawn by the site's own script and stylesheet, as the charts of the site's pages.
    """
    lang = dataset.language
    options = json.dumps(embed_options(chart, lang), sort_keys=True, ensure_ascii=False)
    cited = dataset_citation(dataset, f"charts/{chart.name}.html")
    name = html.escape(chart.name)
    target = f'data-target="chart-{name}"'
    images = (
        ""
        if chart.is_window
        else (f'<a href="{name}.svg">SVG</a> · <a href="{name}.png">PNG</a> · ')
    )
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(chart.title)} — {html.escape(dataset.title)}</title>
<link rel="stylesheet" href="../{ASSETS_FOLDER}/style.css">
<script src="../{ASSETS_FOLDER}/{BUNDLE}"></script>
</head>
<body>
<header class="site">
<p class="site-title"><a href="../index.html">{html.escape(dataset.title)}</a></p>
</header>
<main id="main">
<h1>{html.escape(chart.title)}</h1>
<figure class="chart">
<div id="chart-{name}" class="vega" role="img" aria-label="{html.escape(chart.description)}"></div>
<figcaption>{html.escape(chart.description)}</figcaption>
<script type="application/json" class="chart-spec" {target}>{script_json(spec_text)}</script>
<script type="application/json" class="chart-options" {target}>{script_json(options)}</script>
</figure>
<p><a href="{name}.csv" download>{html.escape(text(lang, "download"))}</a> ·
{images}<a href="{name}.vl.json">Vega-Lite</a></p>
<h2>{html.escape(text(lang, "cite"))}</h2>
<p>{html.escape(cited)}</p>
</main>
<!-- The same script as every page of the site draws the chart. -->
<script src="../{ASSETS_FOLDER}/site.js"></script>
</body>
</html>
"""


def script_json(data: str) -> str:
    """JSON made safe inside a <script> element: no "</" can close it early."""
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bundle_license() -> str:
    """The licences of what the bundle holds."""
    return _LICENSES


def chart_files(
    chart: ChartSpec, dataset: Dataset, spec_text: str | None = None
) -> dict[str, bytes]:
    """The files of one chart that need no drawing, by name: spec, CSV and page."""
    spec_text = spec_text or spec_json(chart)
    return {
        f"{chart.name}.vl.json": (spec_text + "\n").encode(),
        f"{chart.name}.csv": csv_bytes(chart.rows),
        f"{chart.name}.html": chart_page(chart, spec_text, dataset).encode(),
    }


def chart_images(
    chart: ChartMeta,
    lang: str,
    spec_text: str | None = None,
    renderer: Renderer = IN_PROCESS,
    cache: Cache = NO_CACHE,
) -> Future[dict[str, bytes]]:
    """The chart's SVG and PNG by name, drawn by ``renderer`` (none for the detail windows
    of a large timeline: thousands of marks each, seconds to draw, read in the browser).

    Drawings are kept in ``cache`` under the hash of the spec, the language, the versions
    of Vega-Lite and vl-convert and the fonts installed: an unchanged chart is not drawn
    again.
    """
    images: Future[dict[str, bytes]] = Future()
    if chart.is_window:
        images.set_result({})
        return images
    if spec_text is None:
        if not isinstance(chart, ChartSpec):
            raise TypeError("the spec text of a chart that is not made must be given")
        spec_text = spec_json(chart)
    key = Cache.key(spec_text, lang, VEGA_LITE_VERSION, vlc_version(), fonts_digest())
    suffixes = (".svg", ".png")
    svg, png = (cache.get_bytes("renderings", key + suffix) for suffix in suffixes)
    if svg is not None and png is not None:
        images.set_result({chart.name + ".svg": svg, chart.name + ".png": png})
        return images

    def keep(drawn: tuple[bytes, bytes]) -> dict[str, bytes]:
        for suffix, data in zip(suffixes, drawn, strict=True):
            cache.put_bytes("renderings", key + suffix, data)
        return {chart.name + suffix: data for suffix, data in zip(suffixes, drawn, strict=True)}

    renderer.draw(spec_text, D3_LOCALES[lang]).add_done_callback(
        lambda done: chain(done, images, keep)
    )
    return images


def asset_files(renderer: Renderer = IN_PROCESS) -> Future[dict[str, bytes]]:
    """The shared script of every page (the Vega bundle), with its licences."""
    files: Future[dict[str, bytes]] = Future()
    license_ = bundle_license().encode()
    renderer.bundle().add_done_callback(
        lambda done: chain(done, files, lambda script: {BUNDLE: script, BUNDLE_LICENSE: license_})
    )
    return files


_BSD3 = """Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials
   provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
POSSIBILITY OF SUCH DAMAGE.
"""
_ISC = """Permission to use, copy, modify, and/or distribute this software for any purpose with or
without fee is hereby granted, provided that the above copyright notice and this permission
notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS
SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE
AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,
NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THIS SOFTWARE.
"""
_LICENSES = f"""vega-embed.js bundles Vega, Vega-Lite and Vega-Embed with their dependencies, as
built by vl-convert (javascript_bundle). Their licences follow.

Vega, Vega-Lite, Vega-Embed, Vega-Tooltip, Vega-Themes, Vega-Util and the other vega-*
packages: BSD 3-Clause License.
Copyright (c) 2015-2024, University of Washington Interactive Data Lab. All rights reserved.

{_BSD3}
The d3 modules (d3-array, d3-format, d3-time, d3-time-format, d3-scale, d3-shape, d3-geo and
the others the bundle holds): ISC License.
Copyright 2010-2024 Mike Bostock

{_ISC}
vl-convert, which builds the bundle: BSD 3-Clause License.
Copyright 2023 Jon Mease

{_BSD3}"""
