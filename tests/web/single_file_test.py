#!/usr/bin/env python3
"""The page as one file (scripts/build-web.sh --single-file), opened from a file:// URL in headless
Chromium, with no server and nothing beside it.

  python3 tests/web/single_file_test.py SINGLE_FILE.html [--keep DIR]

Copies the file alone into an empty folder and opens it from there (file:// forbids fetching
neighbours, and there are none), then checks the subset of tests/web/browser_test.py that says the
page works: it draws its first frames without an error, its fonts load (no warning), the screenshot
shows the heatmap and, with the playhead at the end, the runs' paths; a lesson given in the address
opens (its title, its paths); the 3D view draws; a typed lesson's sweep is computed in the maps'
worker inside the file (a blob: URL) and equals the desktop's (browser_test.native_checksum). Prints one line per check and
"single file: N passed, N failed"; exits 1 when any failed.
"""

import json
import pathlib
import shutil
import sys
import tempfile

import browser_test
from browser_test import CANVAS, ORANGE, ROOT, Browser, chromium, count_near, link_code, png_pixels


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
    (work / "downloads").mkdir()
    page = Browser(browser, work / "profile", work / "downloads")
    try:
        print(f"single file: opened from {base}")
        browser_test.check_first_frames(suite, page, base)
        fonts = [w for w in console_warnings(page) if "font" in w]
        suite.check("the fonts inside the file load", not fonts, "; ".join(fonts[:3]))
        suite.check("nothing was fetched from the page's folder",
                    page.evaluate("performance.getEntriesByType('resource').filter("
                                  "e => e.name.startsWith('file:')).length") == 0,
                    str(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")))
        browser_test.check_heatmap_and_paths(suite, page, base, work)

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
        path = count_near(lesson_rows, ORANGE, CANVAS)
        suite.check("the screenshot shows the lesson's first run's path", path > 300,
                    f"{path} pixels of its colour at the end")
        browser_test.check_surface(suite, page, base + "?surface&step=end", lesson, lesson_rows, work)

        typed = browser_test.typed_lesson()
        sweep, slowest, total = browser_test.computed_sweep(page, f"{base}?open=sweep#{link_code(json.dumps(typed))}")
        print(f"single file: (the lesson's sweep took {total} ms, the slowest frame {slowest} ms)")
        suite.check("the single file computes its sweep in its worker", sweep.get("threads") == "worker", str(sweep))
        expected = browser_test.native_checksum(typed, sweep, work) if sweep else "no sweep"
        suite.check("the single file's sweep equals the desktop's", sweep.get("checksum") == expected,
                    f"checksum {sweep.get('checksum')}, the desktop's {expected}")
        suite.check("no error while the worker computes", not page.errors(), "; ".join(page.errors()[:3]))
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
