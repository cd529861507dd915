#!/usr/bin/env python3
"""The page as one file (scripts/build-web.sh --single-file), opened from a file:// URL in headless
Chromium, with no server and nothing beside it.

  python3 tests/web/single_file_test.py SINGLE_FILE.html [--keep DIR]

Copies the file alone into an empty folder and opens it from there (file:// forbids fetching
neighbours, and there are none), then checks the subset of tests/web/browser_test.py that says the
page works: it draws its first frames without an error, its fonts load (no warning), the screenshot
shows the heatmap and, with the playhead at the end, the runs' paths; a lesson given in the address
opens (its title, its paths); the 3D view draws. Prints one line per check and
"single file: N passed, N failed"; exits 1 when any failed.
"""

import json
import pathlib
import shutil
import sys
import tempfile
import time

import browser_test
from browser_test import (HEIGHT, ORANGE, ROOT, SKY_BLUE, WIDTH, Browser, chromium, colourful_fraction, count_near,
                          link_code, png_pixels)


def console_warnings(page):
    """The page's console warnings since the last open() (what optviz writes on standard error)."""
    with page.lock:
        return [" ".join(str(a.get("value", "")) for a in e["params"]["args"]) for e in page.events
                if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "warning"]


def main():
    if len(sys.argv) < 2:
        print("usage: single_file_test.py SINGLE_FILE.html [--keep DIR]", file=sys.stderr)
        return 2
    single = pathlib.Path(sys.argv[1]).resolve()
    keep = pathlib.Path(sys.argv[3]).resolve() if len(sys.argv) > 3 and sys.argv[2] == "--keep" else None
    if not single.is_file():
        print(f"single_file_test: {single} is missing: run scripts/build-web.sh --single-file first", file=sys.stderr)
        return 2
    browser = chromium()
    if browser is None:
        print("single_file_test: no chromium on PATH (scripts/setup.sh --web installs it)", file=sys.stderr)
        return 2

    suite = browser_test.Suite()
    work = pathlib.Path(tempfile.mkdtemp(prefix="optviz-single-"))
    alone = work / "usb-stick"
    alone.mkdir()
    shutil.copy(single, alone / "optviz.html")
    base = (alone / "optviz.html").as_uri()
    canvas = (int(WIDTH * 0.27), int(HEIGHT * 0.12), int(WIDTH * 0.74), int(HEIGHT * 0.95))
    (work / "downloads").mkdir()
    page = Browser(browser, work / "profile", work / "downloads")
    try:
        start = time.monotonic()
        frames = page.open(base + "?step=0")
        first = page.evaluate("Number(document.documentElement.dataset.optvizFirstFrameMs || 0)")
        print(f"single file: (first frame {first / 1000:.2f} s after navigation started; 10 frames drawn "
              f"{time.monotonic() - start:.2f} s after the page was asked for)")
        suite.check(f"the page draws its first 10 frames from {base}", frames >= 10, f"{frames} frames")
        errors = page.errors() + ([page.status()[1]] if page.status()[0] == "error" else [])
        suite.check("no error in the console or on the page", not errors, "; ".join(errors[:3]))
        fonts = [w for w in console_warnings(page) if "font" in w]
        suite.check("the fonts inside the file load", not fonts, "; ".join(fonts[:3]))
        suite.check("nothing was fetched from the page's folder",
                    page.evaluate("performance.getEntriesByType('resource').filter("
                                  "e => e.name.startsWith('file:')).length") == 0,
                    str(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")))

        page.screenshot(work / "single-start.png")
        page.open(base + "?step=end")
        page.screenshot(work / "single-end.png")
        start_rows, end_rows = png_pixels(work / "single-start.png")[2], png_pixels(work / "single-end.png")[2]
        fraction = colourful_fraction(start_rows, canvas)
        suite.check("the screenshot shows the heatmap", fraction > 0.35, f"{fraction:.0%} colourful pixels")
        for colour_name, colour in (("orange", ORANGE), ("sky blue", SKY_BLUE)):
            before, after = count_near(start_rows, colour, canvas), count_near(end_rows, colour, canvas)
            suite.check(f"the screenshot shows the {colour_name} run's path", after - before > 300,
                        f"{before} pixels of its colour at step 0, {after} at the end")

        lesson = json.loads((ROOT / "assets/scenarios/06-rmsprop-rho.json").read_text())
        code = link_code(json.dumps(lesson, separators=(",", ":")))
        # Another query than the last address's, so that this is a new document, not a jump to an anchor.
        page.open(f"{base}?lesson&step=end#{code}")
        page.screenshot(work / "single-lesson.png")
        title = page.evaluate("document.title")
        suite.check("a lesson in the address opens (the page's title is its title)", lesson["title"] in (title or ""),
                    f"title {title!r}")
        suite.check("no error with a lesson in the address", not page.errors(), "; ".join(page.errors()[:3]))
        lesson_rows = png_pixels(work / "single-lesson.png")[2]
        path = count_near(lesson_rows, ORANGE, canvas)
        suite.check("the screenshot shows the lesson's first run's path", path > 300,
                    f"{path} pixels of its colour at the end")

        surface = dict(lesson, display=dict(lesson.get("display", {}), view="3d"))
        page.open(f"{base}?surface&step=end#{link_code(json.dumps(surface))}")
        page.screenshot(work / "single-3d.png")
        flat = colourful_fraction(lesson_rows, canvas)
        solid = colourful_fraction(png_pixels(work / "single-3d.png")[2], canvas)
        suite.check("the 3D view draws without an error", not page.errors(), "; ".join(page.errors()[:3]))
        suite.check("the 3D view shows a surface, not the flat heatmap", 0.02 < solid < flat - 0.15,
                    f"{solid:.0%} colourful pixels in 3D, {flat:.0%} flat")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for png in work.glob("*.png"):
                shutil.copy(png, keep / png.name)
    finally:
        page.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"single file: {suite.passed} passed, {suite.failed} failed")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
