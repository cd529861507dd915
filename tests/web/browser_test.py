#!/usr/bin/env python3
"""The page (scripts/build-web.sh) in a real browser: headless Chromium with WebGL 2 on SwiftShader.

  python3 tests/web/browser_test.py BUILD_WEB_DIR [--keep DIR]

Serves BUILD_WEB_DIR on 127.0.0.1 (a free port) and checks that
  - the page loads and draws its first frames without an error (its DOM after 10 frames),
  - a screenshot at 1280x800 shows the heatmap (the colour map's pixels over the canvas) and, with
    the playhead at the end, every run's path (the runs' colours, absent at step 0),
  - a scenario in the address (JSON, raw deflate, base64url after '#', made here independently of
    the page's own encoder) opens: the page's title is its title and the screenshot shows its paths,
  - a damaged address shows a clear message and the default scenario,
  - dragging the start point recomputes the runs (and how long such a frame took is printed),
  - the address follows the scenario, the browser's storage keeps it for the next visit, and a link
    pasted into the open page opens,
  - a PNG exported by the page, downloaded by the browser, carries the scenario in its text chunk,
    and opens as that scenario when dropped on the page,
  - the 3D view draws its surface,
  - the sweep and basin maps (?open=sweep,basins) are computed in the page's worker and finish,
  - a 256 x 256 sweep computed in the worker and between frames (?maps=frames) equals the desktop's
    cell for cell (the checksum of `optviz sweep`'s CSV, ROOT/build/app/optviz), and so does a
    lesson's sweep of a typed formula (how long the frames and the maps took is printed),
  - where the worker does not load (the page served without optviz_worker.js), the maps are
    computed between frames, with a warning and no error,
  - a network scenario from a link trains between frames and draws its views: the data under the
    trained decision boundary (the circle's inside blue, the corners orange, which the untrained
    network at step 0 does not draw), the network diagram's edges, every run's loss in the plots
    panel; and, its tabs clicked, the Layers view's heatmaps and bands and the weight-space plane,
    computed between frames too; and the default network scenario (4 runs x 2,000 steps) trains over
    many frames (how long it took and how long the frames were is printed),
  - and at a device pixel ratio of 2 the canvas has 2x the pixels.
Everything is deterministic: fixed scenarios, the browser's virtual time, no timing assertions.
Prints one line per check and "browser: N passed, N failed"; exits 1 when any failed.
"""

import base64
import functools
import csv
import http.server
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1280, 800
# The palette of core/scenario/scenario.cpp: the first runs' colours, which the heatmap's colour map lacks.
ORANGE, SKY_BLUE = (230, 159, 0), (86, 180, 233)
# The first lesson's start point (-2.5, 2) on the page at 1280x800 (its text in a strip under the
# canvas), where its handle is drawn.
START_HANDLE = (453, 163)
# The canvas's part of a screenshot at WIDTH x HEIGHT, where the heatmap and the paths are counted.
CANVAS = (int(WIDTH * 0.27), int(HEIGHT * 0.12), int(WIDTH * 0.74), int(HEIGHT * 0.95))
# A network scenario on the page at 1280x800: in the canvas's place, the tabs' row, the network
# diagram above the data plot, whose box (x1 and x2 from -6 to 6) spans DATA_PLOT; the plots panel
# with the runs' curves to its right.
NET_PLACE = (int(WIDTH * 0.26), int(HEIGHT * 0.12), int(WIDTH * 0.75), HEIGHT)
NET_TAB_ROW = int(HEIGHT * 0.11)
DATA_PLOT = (492, 406, 780, 694)
# Between the diagram's input column and its first hidden layer: edges only.
FIRST_EDGES = (461, 140, 555, 360)
NET_PLOTS = (int(WIDTH * 0.77), int(HEIGHT * 0.12), WIDTH, HEIGHT)
# The plane's plot, in the canvas's place once its tab is chosen.
PLANE_PLOT = (356, 178, 708, 528)
# A small network scenario that trains within a few frames: Playground's circle, 2-4-2-1 tanh.
SMALL_NETWORK = {"version": 3, "network": {"data": {"set": "circle", "rows": 200}}, "steps": 300, "seed": 1,
                 "runs": [{"optimizer": "adam", "eta": 0.03, "batch": 10},
                          {"optimizer": "rmsprop", "eta": 0.01, "batch": 10}]}
# core's default_network_scenario(), which "Network on data" opens: 4 runs x 2,000 steps, 500 points.
DEFAULT_NETWORK = {"version": 3, "network": {"data": {"set": "circle", "rows": 500}}, "steps": 2000, "seed": 1,
                   "runs": [{"optimizer": "sgd", "eta": 0.03, "batch": 10},
                            {"optimizer": "momentum", "eta": 0.03, "batch": 10},
                            {"optimizer": "rmsprop", "eta": 0.01, "batch": 10},
                            {"optimizer": "adam", "eta": 0.01, "batch": 10}]}


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe (--remote-debugging-pipe:
    JSON messages ended by a NUL byte, read by the browser on fd 3 and written on fd 4)."""

    def __init__(self, executable, profile, downloads):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Numbers out of the way of 3 and 4, which the child gets.
        high_read, high_write = os.dup(to_browser_read), os.dup(from_browser_write)

        def give_pipes():
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        command = [
            executable, "--headless", "--no-sandbox", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-debugging-pipe",
            f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", "about:blank",
        ]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=give_pipes)
        for fd in (to_browser_read, from_browser_write, high_read, high_write):
            os.close(fd)
        self.next_id = 0
        self.replies = {}
        self.events = []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, self.session)
        self.send("Runtime.enable", {}, self.session)
        self.send("Page.enable", {}, self.session)

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                reply = json.loads(message)
                with self.lock:
                    if "id" in reply:
                        self.replies[reply["id"]] = reply
                    else:
                        self.events.append(reply)
                    self.lock.notify_all()

    def send(self, method, params, session=None, timeout=60):
        self.next_id += 1
        number = self.next_id
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        with self.lock:
            if not self.lock.wait_for(lambda: number in self.replies, timeout):
                raise RuntimeError(f"the browser did not answer {method}")
            reply = self.replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, self.session)
        return result["result"].get("value")

    def frames(self):
        return self.evaluate("Number(document.documentElement.dataset.optvizFrames || 0)") or 0

    def status(self):
        """The page's message box: (its class, its text)."""
        return (self.evaluate("document.getElementById('status').className") or "",
                self.evaluate("document.getElementById('status').textContent") or "")

    def open(self, url, frames=10, limit=90):
        """Loads url and waits for `frames` frames or an error message; returns the frames drawn.
        `limit` (seconds) is a safety net for a page that never draws, not a measure."""
        with self.lock:
            self.events.clear()
        self.send("Page.navigate", {"url": url}, self.session)
        deadline = time.monotonic() + limit
        with self.lock:  # the new document, not the last one
            self.lock.wait_for(lambda: any(e.get("method") == "Page.loadEventFired" for e in self.events), limit)
        while time.monotonic() < deadline:
            if self.frames() >= frames or self.status()[0] == "error":
                break
            time.sleep(0.05)
        return self.frames()

    def screenshot(self, path):
        # Optimized for speed: Chromium filters every row "Up", which png_pixels undoes at once.
        data = self.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True}, self.session)["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))

    def errors(self):
        """The page's console errors and uncaught exceptions since the last open()."""
        found = []
        with self.lock:
            for event in self.events:
                params = event.get("params", {})
                if event.get("method") == "Runtime.exceptionThrown":
                    details = params["exceptionDetails"]
                    found.append(details.get("exception", {}).get("description") or details.get("text", ""))
                elif event.get("method") == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                    found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        return found

    def close(self):
        try:
            self.send("Browser.close", {}, timeout=10)
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)


def png_chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    i = 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        yield kind, data[i + 8:i + 8 + length]
        i += 12 + length


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG without interlacing."""
    data = pathlib.Path(path).read_bytes()
    idat = b""
    for kind, body in png_chunks(data):
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"{path}: unexpected PNG format (depth {depth}, colour type {colour})")
        elif kind == b"IDAT":
            idat += body
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    # "Up" rows (every row of a screenshot optimized for speed) as one sum of integers: each byte's
    # low 7 bits added without a carry into the next byte, its top bit by exclusive or.
    low, top = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 2:
            a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & top)).to_bytes(stride, "big"))
            kind = 0
        for x in range(stride if kind else 0):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(list(zip(line[0::channels], line[1::channels], line[2::channels])))
        previous = line
    return width, height, rows


def png_text(path, keyword):
    """The text of a tEXt, zTXt or iTXt chunk with `keyword`, or None."""
    for kind, body in png_chunks(pathlib.Path(path).read_bytes()):
        key, _, rest = body.partition(b"\0")
        if key.decode("latin-1") != keyword:
            continue
        if kind == b"tEXt":
            return rest.decode("latin-1")
        if kind == b"zTXt":
            return zlib.decompress(rest[1:]).decode("latin-1")
        if kind == b"iTXt":
            compressed, _method, rest = rest[0], rest[1], rest[2:]
            _language, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
    return None


def count_near(rows, colour, region, tolerance=40):
    x0, y0, x1, y1 = region
    t2 = tolerance * tolerance
    n = 0
    for row in rows[y0:y1]:
        for (r, g, b) in row[x0:x1]:
            if (r - colour[0]) ** 2 + (g - colour[1]) ** 2 + (b - colour[2]) ** 2 <= t2:
                n += 1
    return n


def colourful_fraction(rows, region):
    """The share of pixels whose channels differ by more than 60: the heatmap, not grey panels."""
    x0, y0, x1, y1 = region
    total = colourful = 0
    for row in rows[y0:y1]:
        for (r, g, b) in row[x0:x1]:
            total += 1
            colourful += max(r, g, b) - min(r, g, b) > 60
    return colourful / max(total, 1)


def link_code(scenario_json):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(scenario_json.encode()) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def check_transfer(suite, site):
    """0. What a browser downloads for the page, gzip'd as servers send it: under 2.5 MB (issue 26)."""
    total = sum(len(zlib.compress((site / name).read_bytes(), 9))
                for name in ("optviz.html", "optviz.js", "optviz.wasm", "optviz.data"))
    print(f"browser: (the page's transfer {total / 1e6:.2f} MB compressed)")
    suite.check("the page's transfer stays under 2.5 MB compressed", total < 2_500_000, f"{total} bytes")


def chinese_characters(text):
    return {c for c in text if ord(c) >= 0x2E80}


def check_chinese(suite, page, base, site):
    """0b. The page in Chinese: its Chinese font subset has every character of the catalog and of the
    lessons, and ?lang=zh_CN opens the first lesson in Chinese (the tab's title is its Chinese title)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    needed = chinese_characters((root / "po" / "zh_CN.po").read_text(encoding="utf-8"))
    first = None
    for path in sorted((root / "assets" / "scenarios").glob("*.json")):
        lesson = json.loads(path.read_text(encoding="utf-8"))
        words = lesson["translations"]["zh_CN"]
        first = first or words["title"]
        needed |= chinese_characters(json.dumps(lesson, ensure_ascii=False))
    subset = site / "fonts" / "NotoSansCJKsc-subset.otf"
    # Read by Debian's Python with python3-fonttools, as scripts/cjk_subset.sh cut it (the python3 on
    # PATH may have no Debian modules).
    cmap = subprocess.run(["/usr/bin/python3", "-c", "import sys\nfrom fontTools.ttLib import TTFont\n"
                           "sys.stdout.write(' '.join(map(str, TTFont(sys.argv[1]).getBestCmap())))", str(subset)],
                          capture_output=True, text=True)
    covered = {chr(int(c)) for c in cmap.stdout.split()}
    missing = sorted(needed - covered)
    suite.check("the page's Chinese font has every character of the catalog and the lessons",
                cmap.returncode == 0 and not missing, cmap.stderr.strip()[-200:] + "".join(missing[:20]))
    page.open(base + "?lang=zh_CN&step=0")
    title = page.evaluate("document.title")
    suite.check("?lang=zh_CN opens the first lesson in Chinese", title == first + " · optviz", title)
    page.open(base + "?lang=en&step=0")


def check_first_frames(suite, page, base):
    """1. Loads and draws its first frames without an error (a fresh profile: the first lesson)."""
    start = time.monotonic()
    frames = page.open(base + "?step=0")
    first = page.evaluate("Number(document.documentElement.dataset.optvizFirstFrameMs || 0)")
    print(f"browser: (first frame {first / 1000:.2f} s after navigation started; 10 frames drawn "
          f"{time.monotonic() - start:.2f} s after the page was asked for)")
    suite.check("the page draws its first 10 frames", frames >= 10, f"{frames} frames")
    errors = page.errors()
    if page.status()[0] == "error":
        errors.append(page.status()[1])
    suite.check("no error in the console or on the page", not errors, "; ".join(errors[:3]))


def check_heatmap_and_paths(suite, page, base, work):
    """2. The default scenario's heatmap (the page as check_first_frames left it, at step 0), and its
    paths once the playhead is at the end."""
    page.screenshot(work / "default-start.png")
    page.open(base + "?step=end")
    page.screenshot(work / "default-end.png")
    start_rows, end_rows = png_pixels(work / "default-start.png")[2], png_pixels(work / "default-end.png")[2]
    fraction = colourful_fraction(start_rows, CANVAS)
    suite.check("the screenshot shows the heatmap", fraction > 0.35, f"{fraction:.0%} colourful pixels")
    for colour_name, colour in (("orange", ORANGE), ("sky blue", SKY_BLUE)):
        before, after = count_near(start_rows, colour, CANVAS), count_near(end_rows, colour, CANVAS)
        suite.check(f"the screenshot shows the {colour_name} run's path", after - before > 300,
                    f"{before} pixels of its colour at step 0, {after} at the end")


def check_surface(suite, page, url, scenario, flat_rows, work):
    """9. The 3D view (a scenario's display.view, the scenario at `url`) draws its surface with WebGL 2:
    the surface covers part of the canvas, the flat heatmap (flat_rows, a screenshot) all of it."""
    surface = dict(scenario, display=dict(scenario.get("display", {}), view="3d"))
    page.open(f"{url}#{link_code(json.dumps(surface))}")
    page.screenshot(work / "link-3d.png")
    suite.check("the 3D view draws without an error", not page.errors(), "; ".join(page.errors()[:3]))
    flat = colourful_fraction(flat_rows, CANVAS)
    solid = colourful_fraction(png_pixels(work / "link-3d.png")[2], CANVAS)
    suite.check("the 3D view shows a surface, not the flat heatmap", 0.02 < solid < flat - 0.15,
                f"{solid:.0%} colourful pixels in 3D, {flat:.0%} flat")


NATIVE = ROOT / "build/app/optviz"


def fnv_checksum(csv_path):
    """core's map_checksum (core/scenario/map_message.hpp) of a sweep's CSV: FNV-1a (64 bits) over
    each row's x, y, f (IEEE doubles) and diverged_at (64 bits, -1 for none), little-endian."""
    digest = 0xcbf29ce484222325
    with open(csv_path, newline="") as rows:
        for row in list(csv.reader(rows))[1:]:
            x, y, f, diverged = row[2:6]
            for byte in struct.pack("<dddq", float(x), float(y), float(f), int(diverged) if diverged else -1):
                digest = ((digest ^ byte) * 0x100000001b3) % (1 << 64)
    return f"{digest:016x}"


def native_checksum(scenario, sweep, work):
    """The checksum of the desktop's map of the page's sweep (data-optviz-sweep: run, axes, size, steps)."""
    if not NATIVE.exists():
        return f"no {NATIVE}: build the desktop first (scripts/build.sh)"
    path, out = work / "sweep-scenario.json", work / "sweep.csv"
    path.write_text(json.dumps(scenario))
    result = subprocess.run([str(NATIVE), "sweep", str(path), "--run", str(sweep["run"]), "--x", sweep["x"], "--y",
                             sweep["y"], "--size", sweep["size"], "--steps", str(sweep["steps"]), "--csv", str(out)],
                            capture_output=True, text=True)
    return fnv_checksum(out) if result.returncode == 0 else result.stderr.strip()


def typed_lesson():
    """A lesson of a typed formula whose sweep the page computes as the desktop does: lesson 6 with
    its tanh written with a square root. The page's C library (Emscripten's musl) and the desktop's
    (glibc) round tanh and exp apart in the last bits, square roots never."""
    lesson = json.loads((ROOT / "assets/scenarios/06-rmsprop-rho.json").read_text())
    return dict(lesson, expression="0.05*((x + 3)^2 + y^2) + 8*(x - 2)/sqrt(1 + 16*(x - 2)^2)")


def computed_sweep(page, url, limit=300, link=None):
    """Opens url (?open=sweep) and waits for its sweep map: (data-optviz-sweep as a dict, the slowest
    frame while it was computed in ms, the maps' time in ms). With `link`, a scenario's link code,
    then pastes it into the address and waits for its map, measured without the page's first frames."""
    data = "document.documentElement.dataset"
    if link is not None:
        computed_sweep(page, url, limit)
        page.evaluate(f"delete {data}.optvizSweep; delete {data}.optvizSlowestMapFrameMs; "
                      f"location.hash = {json.dumps(link)}")
        deadline = time.monotonic() + 10
        while page.evaluate(f"{data}.optvizMapsBusy") != "1" and time.monotonic() < deadline:
            time.sleep(0.01)
    else:
        page.open(url)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not (page.evaluate(f"{data}.optvizSweep") and
                                               page.evaluate(f"{data}.optvizMapsBusy") == "0"):
        time.sleep(0.1)
    sweep = json.loads(page.evaluate(f"{data}.optvizSweep") or "{}")
    return sweep, page.evaluate(f"{data}.optvizSlowestMapFrameMs"), page.evaluate(f"{data}.optvizMapsMs")


def check_map_worker(suite, page, base, work):
    """11. The page's worker computes a 256 x 256 sweep of 1,000 steps as between frames does, and as
    the desktop does, cell for cell; and a lesson's sweep of a typed formula."""
    scenario = json.loads((ROOT / "assets/scenarios/06-rmsprop-rho.json").read_text())
    rosenbrock = {key: value for key, value in scenario.items() if key not in ("expression", "lesson")}
    rosenbrock.update(function="rosenbrock", start=[-1.5, 2.0], steps=1000, view={"x": [-2.0, 2.0], "y": [-1.0, 3.0]})
    # First a map of 999 steps, then the link of 1,000 pasted: the second map is measured, in frames
    # after the page's first ones (fonts, the first heatmap), which are slow without a map too.
    first = link_code(json.dumps(dict(rosenbrock, steps=999)))
    code = link_code(json.dumps(rosenbrock))
    figures = {}
    for threads, query in (("worker", ""), ("between frames", "&maps=frames")):
        sweep, slowest, total = computed_sweep(page, f"{base}?open=sweep&cells=256{query}#{first}", link=code)
        figures[threads] = sweep
        print(f"browser: (a 256x256 sweep of 1,000 steps {threads}: {total} ms from the change, with its 300 ms of "
              f"debounce; the slowest frame meanwhile {slowest} ms)")
        suite.check(f"the 256x256 sweep is computed {threads}", sweep.get("threads") == threads and
                    sweep.get("size") == "256x256", str(sweep))
    expected = native_checksum(rosenbrock, figures["worker"], work) if figures["worker"] else "no sweep"
    for threads, sweep in figures.items():
        suite.check(f"the sweep computed {threads} equals the desktop's cell for cell", sweep.get("checksum") == expected,
                    f"checksum {sweep.get('checksum')}, the desktop's {expected}")
    typed = typed_lesson()
    sweep, _, _ = computed_sweep(page, f"{base}?open=sweep&lesson#{link_code(json.dumps(typed))}")
    expected = native_checksum(typed, sweep, work) if sweep else "no sweep"
    suite.check("a typed formula's sweep in the worker equals the desktop's", sweep.get("threads") == "worker" and
                sweep.get("checksum") == expected, f"{sweep}, the desktop's checksum {expected}")
    suite.check("no error while the worker computes", not page.errors(), "; ".join(page.errors()[:3]))


def check_without_worker(suite, page, site, work):
    """12. The page served without its worker's files: the worker fails to load, and the maps are
    computed between frames instead, never waiting for it."""
    bare = work / "no-worker"
    bare.mkdir()
    for path in site.iterdir():
        if path.is_file() and not path.name.startswith("optviz_worker."):
            (bare / path.name).symlink_to(path)
    server = serve(bare)
    try:
        sweep, _, total = computed_sweep(page, f"http://127.0.0.1:{server.server_address[1]}/optviz.html?open=sweep")
    finally:
        server.shutdown()
    with page.lock:
        warnings = [" ".join(str(a.get("value", "")) for a in e["params"]["args"]) for e in page.events
                    if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "warning"]
    suite.check("without its worker the page computes the maps between frames", sweep.get("threads") == "between frames",
                f"{sweep} after {total} ms")
    suite.check("a worker that does not load is a warning, not an error",
                any("computed between frames" in w for w in warnings) and not page.errors(),
                f"warnings {warnings[:3]}, errors {page.errors()[:3]}")


def hue_share(rows, region, hue):
    """The share of the region's pixels of a hue: "orange" (the boundary's label 0, blended toward the
    background), "blue" (label 1), "green" (the middle of the plane's colour map) or "yellow" (the top
    of the layers' heatmaps)."""
    tests = {
        "yellow": lambda r, g, b: r > 200 and g > 180 and b < 90,
        "orange": lambda r, g, b: r - b > 80 and g - b > 30 and r >= g and not (g > 180 and b < 90),
        "blue": lambda r, g, b: b - r > 80 and b >= g,
        "green": lambda r, g, b: g - r > 40 and g - b > -10,
    }
    x0, y0, x1, y1 = region
    test = tests[hue]
    hits = sum(test(*pixel) for row in rows[y0:y1] for pixel in row[x0:x1])
    return hits / max((x1 - x0) * (y1 - y0), 1)


def wait_idle(page, job, limit=120):
    """Waits until the page's job ("Training", "Plane") has been busy and is done; True when it is."""
    data = "document.documentElement.dataset"
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and page.evaluate(f"{data}.optviz{job}Busy") != "0":
        time.sleep(0.05)
    # The frame after the last part: the views of the finished job are drawn.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate(f"{data}.optviz{job}Busy") == "0"


def job_figures(page, job):
    """(frames drawn while the job was busy, its time from the first to the last in ms, the slowest
    frame after the page's first ones in ms)."""
    data = "document.documentElement.dataset"
    return (int(page.evaluate(f"{data}.optviz{job}Frames") or 0), page.evaluate(f"{data}.optviz{job}Ms"),
            page.evaluate(f"{data}.optvizSlowest{job}FrameMs"))


def net_tabs(rows):
    """The x centres of the tabs in the network view's tab row, left to right: the runs of at least
    20 pixels that are not the row's background (its colour at the left edge of the canvas's place)."""
    x0, _, x1, _ = NET_PLACE
    row = rows[NET_TAB_ROW]
    tabs, start = [], None
    for x in range(x0, x1 + 1):
        inside = x < x1 and row[x] != row[x0]
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            if x - start >= 20:
                tabs.append((start + x) // 2)
            start = None
    return tabs


def click(page, x, y):
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        page.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                               "buttons": 1 if kind == "mousePressed" else 0, "clickCount": 1},
                  page.session)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def check_network_views(suite, page, base, work):
    """14. A network scenario from a link trains between frames and draws its views (at step 0, the
    untrained network's, and at the end the trained one's); its tabs, clicked, draw the Layers view
    and the weight-space plane."""
    code = link_code(json.dumps(SMALL_NETWORK))
    shots = {}
    for step in ("0", "end"):
        page.open(f"{base}?step={step}#{code}")
        trained = wait_idle(page, "Training")
        frames, total, _ = job_figures(page, "Training")
        suite.check(f"the page trains a network scenario from a link (step={step})", trained and frames >= 1,
                    f"done {trained} after {frames} frames")
        page.screenshot(work / f"network-{step}.png")
        shots[step] = png_pixels(work / f"network-{step}.png")[2]
    print(f"browser: (the small network scenario trained in {frames} frames, {total} ms)")
    suite.check("no error while the network trains", not page.errors(), "; ".join(page.errors()[:3]))

    # The circle's points inside are label 1 (blue), outside label 0 (orange): the trained boundary
    # colours the plot's middle blue and its four corners (beyond every point) orange.
    x0, y0, x1, y1 = DATA_PLOT
    side = (x1 - x0) // 8
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    middle = (cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2)
    corners = [(x0, y0, x0 + side, y0 + side), (x1 - side, y0, x1, y0 + side),
               (x0, y1 - side, x0 + side, y1), (x1 - side, y1 - side, x1, y1)]

    def circle_learnt(rows):
        blue = hue_share(rows, middle, "blue")
        orange = min(hue_share(rows, corner, "orange") for corner in corners)
        return blue > 0.5 and orange > 0.8, f"middle {blue:.0%} blue, corners at least {orange:.0%} orange"

    learnt, detail = circle_learnt(shots["end"])
    suite.check("the data plot shows the trained decision boundary", learnt, detail)
    untrained, detail = circle_learnt(shots["0"])
    suite.check("the untrained network's boundary at step 0 is not the circle", not untrained, detail)
    # The points over the boundary: the labels' own colours, which the blended heatmap only nears.
    points = {name: count_near(shots["0"], colour, DATA_PLOT, tolerance=24)
              for name, colour in (("orange", ORANGE), ("blue", (0, 114, 178)))}
    suite.check("the data plot shows both labels' points", min(points.values()) > 300, str(points))
    edges = {hue: hue_share(shots["end"], FIRST_EDGES, hue) for hue in ("blue", "orange")}
    suite.check("the network diagram draws its edges (both signs' colours)", min(edges.values()) > 0.003,
                ", ".join(f"{v:.1%} {k}" for k, v in edges.items()))
    for name, colour in (("first (orange)", ORANGE), ("second (sky blue)", SKY_BLUE)):
        before, after = count_near(shots["0"], colour, NET_PLOTS), count_near(shots["end"], colour, NET_PLOTS)
        suite.check(f"the plots panel shows the {name} run's loss up to the playhead", after - before > 300,
                    f"{before} pixels of its colour at step 0, {after} at the end")

    tabs = net_tabs(shots["end"])
    suite.check("the network views have three tabs", len(tabs) == 3, f"tabs at x {tabs}")
    if len(tabs) != 3:
        return
    click(page, tabs[1], NET_TAB_ROW)
    page.screenshot(work / "network-layers.png")
    layers = png_pixels(work / "network-layers.png")[2]
    _, _, right, _ = NET_PLACE
    bands = (tabs[0] + (right - tabs[0]) // 2, NET_PLACE[1], right, NET_PLACE[3])
    yellow = hue_share(layers, NET_PLACE, "yellow"), hue_share(shots["end"], NET_PLACE, "yellow")
    suite.check("the Layers tab draws the layers' heatmaps", yellow[0] > 0.03 and yellow[1] < 0.005,
                f"{yellow[0]:.1%} of its top colour in the Layers tab, {yellow[1]:.1%} in Data and network")
    medians = count_near(layers, SKY_BLUE, bands), count_near(layers, ORANGE, bands)
    suite.check("the Layers tab draws every run's median and band", min(medians) > 300,
                f"{medians[0]} pixels of the second run's colour, {medians[1]} of the first's")

    click(page, tabs[2], NET_TAB_ROW)
    planed = wait_idle(page, "Plane")
    frames, total, _ = job_figures(page, "Plane")
    print(f"browser: (the weight-space plane took {frames} frames, {total} ms)")
    suite.check("the page computes the weight-space plane between frames", planed and frames >= 1,
                f"done {planed} after {frames} frames")
    page.screenshot(work / "network-plane.png")
    plane = png_pixels(work / "network-plane.png")[2]
    green = hue_share(plane, PLANE_PLOT, "green"), hue_share(layers, PLANE_PLOT, "green")
    suite.check("the Weight-space plane tab draws the loss over the plane", green[0] > 0.3 and green[1] < 0.1,
                f"{green[0]:.0%} of its middle colour in the plane tab, {green[1]:.0%} in the Layers tab")
    suite.check("no error in the network views", not page.errors(), "; ".join(page.errors()[:3]))


def check_default_network(suite, page, base):
    """15. The default network scenario (Network on data: 4 runs x 2,000 steps, 500 points) trains
    between frames: over many frames, the page drawing meanwhile; how long it took is printed, with
    the frames' length while it trained and once it had."""
    # Another query than the last page's: a new document, not a link pasted into it.
    page.open(f"{base}?step=end&default#{link_code(json.dumps(DEFAULT_NETWORK))}", frames=1)
    trained = wait_idle(page, "Training")
    frames, total, slowest = job_figures(page, "Training")
    idle = page.evaluate("""new Promise(r => {
        const begin = performance.now(); let n = 0;
        (function frame() { if (performance.now() - begin >= 1000) r(n); else { ++n; requestAnimationFrame(frame); } })();
    })""")
    mean = float(total or 0) / max(frames, 1)
    print(f"browser: (the default network scenario trained in {float(total or 0) / 1000:.2f} s over {frames} frames: "
          f"{mean:.0f} ms a frame, the slowest {slowest} ms; {idle} frames in the second after)")
    suite.check("the default network scenario trains over many frames", trained and frames >= 10,
                f"done {trained} after {frames} frames")
    suite.check("no error while the default network scenario trains", not page.errors(),
                "; ".join(page.errors()[:3]))


class Suite:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"browser: ok   {name}")
        else:
            self.failed += 1
            print(f"browser: FAIL {name}: {detail}")


def main():
    if len(sys.argv) < 2:
        print("usage: browser_test.py BUILD_WEB_DIR [--keep DIR]", file=sys.stderr)
        return 2
    site = pathlib.Path(sys.argv[1]).resolve()
    keep = pathlib.Path(sys.argv[3]).resolve() if len(sys.argv) > 3 and sys.argv[2] == "--keep" else None
    if not (site / "optviz.html").exists():
        print(f"browser_test: {site}/optviz.html is missing: run scripts/build-web.sh first", file=sys.stderr)
        return 2
    browser = chromium()
    if browser is None:
        print("browser_test: no chromium on PATH (scripts/setup.sh --web installs it)", file=sys.stderr)
        return 2

    suite = Suite()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/optviz.html"
    work = pathlib.Path(tempfile.mkdtemp(prefix="optviz-browser-"))
    downloads = work / "downloads"
    downloads.mkdir()
    page = Browser(browser, work / "profile", downloads)
    try:
        check_transfer(suite, site)
        check_chinese(suite, page, base, site)
        check_first_frames(suite, page, base)
        check_heatmap_and_paths(suite, page, base, work)

        # 2b. Dragging the start point recomputes every run in each frame of the drag, as a slider does.
        before_drag = page.evaluate("location.hash")
        mouse = lambda kind, x, y: page.send("Input.dispatchMouseEvent", {  # noqa: E731
            "type": kind, "x": x, "y": y, "button": "left", "buttons": 1 if kind != "mouseReleased" else 0,
            "clickCount": 1}, page.session)
        handle = START_HANDLE
        mouse("mouseMoved", *handle)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        mouse("mousePressed", *handle)
        for i in range(1, 21):
            mouse("mouseMoved", handle[0] + 3 * i, handle[1] - 2 * i)
            page.evaluate("new Promise(r => requestAnimationFrame(r))")
        mouse("mouseReleased", handle[0] + 60, handle[1] - 40)
        deadline = time.monotonic() + 10
        while page.evaluate("location.hash") == before_drag and time.monotonic() < deadline:
            time.sleep(0.05)
        slowest = page.evaluate("document.documentElement.dataset.optvizSlowestRecomputeMs")
        print(f"browser: (the slowest frame that recomputed the runs during the drag took {slowest} ms)")
        suite.check("dragging the start point recomputes the runs", slowest is not None and
                    page.evaluate("location.hash") != before_drag, f"slowest recompute {slowest}, address unchanged")

        # 3. A scenario in the address opens, and the address follows it.
        lesson = json.loads((ROOT / "assets/scenarios/01-learning-rate.json").read_text())
        code = link_code(json.dumps(lesson, separators=(",", ":")))
        page.open(f"{base}?step=0#{code}")
        page.screenshot(work / "link-start.png")
        page.open(f"{base}?step=end#{code}")
        page.screenshot(work / "link-end.png")
        title = page.evaluate("document.title")
        suite.check("a scenario in the address opens (the page's title is its title)",
                    lesson["title"] in (title or ""), f"title {title!r}")
        suite.check("no error with a scenario in the address", not page.errors(), "; ".join(page.errors()[:3]))
        gained = (count_near(png_pixels(work / "link-end.png")[2], ORANGE, CANVAS) -
                  count_near(png_pixels(work / "link-start.png")[2], ORANGE, CANVAS))
        suite.check("the screenshot shows the address's scenario's paths", gained > 150,
                    f"{gained} more pixels of the first run's colour at the end than at step 0")
        shown = page.evaluate("location.hash.substring(1)") or ""
        try:
            followed = json.loads(zlib.decompress(base64.urlsafe_b64decode(shown + "=" * (-len(shown) % 4)), -15))
        except (ValueError, zlib.error) as e:
            followed = {"error": str(e)}
        suite.check("the address holds the scenario shown (the page's own link code)",
                    followed.get("title") == lesson["title"] and len(followed.get("runs", [])) == len(lesson["runs"]),
                    str(followed)[:200])

        # 4. The browser's storage keeps the last scenario for the next visit.
        page.open(base)
        title = page.evaluate("document.title")
        suite.check("the next visit opens the last scenario (localStorage)", lesson["title"] in (title or ""),
                    f"title {title!r}")

        # 5. A link pasted into the open page's address opens at once.
        other = json.loads((ROOT / "assets/scenarios/08-kick-at-the-minimum.json").read_text())
        page.evaluate(f"location.hash = {json.dumps(link_code(json.dumps(other)))}")
        deadline = time.monotonic() + 60
        while other["title"] not in (page.evaluate("document.title") or "") and time.monotonic() < deadline:
            time.sleep(0.05)
        suite.check("a link pasted into the open page opens", other["title"] in (page.evaluate("document.title") or ""),
                    f"title {page.evaluate('document.title')!r}")

        # 6. A damaged address: a clear message, and the page still draws.
        frames = page.open(base + "?fresh#not*a*scenario")
        message = page.status()[1]
        suite.check("a damaged address says what is wrong", "does not open" in message and "base64url" in message,
                    message)
        deadline = time.monotonic() + 60
        while page.frames() < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        suite.check("a damaged address still draws the page", page.frames() >= 10, f"{page.frames()} frames")

        # 7. The exported PNG, downloaded by the browser, carries its scenario.
        page.open(f"{base}?export=png#{code}")
        deadline = time.monotonic() + 60
        while not list(downloads.glob("*.png")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the download's file is renamed into place when complete
        pngs = sorted(downloads.glob("*.png"))
        suite.check("the page's PNG export is downloaded", len(pngs) == 1, f"downloads: {os.listdir(downloads)}")
        if pngs:
            text = png_text(pngs[0], "optviz-scenario")
            inside = json.loads(text) if text else {}
            suite.check("the downloaded PNG carries the scenario", inside.get("title") == lesson["title"],
                        f"text chunk title: {inside.get('title')!r}")
            # 8. That PNG, dropped on the page (showing another lesson), opens as its scenario.
            page.open(f"{base}?drop#{link_code(json.dumps(other))}")
            drop = """(() => {
                const bytes = Uint8Array.from(atob('%s'), c => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], 'figure.png', {type: 'image/png'}));
                const canvas = document.getElementById('canvas');
                for (const kind of ['dragenter', 'dragover', 'drop'])
                  canvas.dispatchEvent(new DragEvent(kind, {dataTransfer: data, bubbles: true, cancelable: true}));
            })()""" % base64.b64encode(pngs[0].read_bytes()).decode()
            page.evaluate(drop)
            deadline = time.monotonic() + 60
            while lesson["title"] not in (page.evaluate("document.title") or "") and time.monotonic() < deadline:
                time.sleep(0.05)
            suite.check("a PNG figure dropped on the page opens its scenario",
                        lesson["title"] in (page.evaluate("document.title") or ""),
                        f"title {page.evaluate('document.title')!r}")
        check_surface(suite, page, base + "?step=end", lesson, png_pixels(work / "link-end.png")[2], work)

        # 10. The sweep panel and the basin overlay (?open=sweep,basins) compute their maps between
        # frames: the page goes on drawing while they are computed, and they finish.
        # A lesson of 3,000 steps: its maps take many frames' worth of work.
        long_lesson = dict(lesson, steps=3000)
        page.open(f"{base}?open=sweep,basins#{link_code(json.dumps(long_lesson))}")
        deadline = time.monotonic() + 120
        data = "document.documentElement.dataset"
        while time.monotonic() < deadline and not (
                page.evaluate(f"{data}.optvizMapsBusy") == "0" and int(page.evaluate(f"{data}.optvizMapFrames") or 0) > 0):
            time.sleep(0.1)
        map_frames = int(page.evaluate(f"{data}.optvizMapFrames") or 0)
        slowest = page.evaluate(f"{data}.optvizSlowestMapFrameMs")
        print(f"browser: (the maps took {map_frames} frames; the slowest of them {slowest} ms)")
        suite.check("the sweep and basin maps finish on the page", page.evaluate(f"{data}.optvizMapsBusy") == "0",
                    f"busy after {map_frames} frames")
        suite.check("the page draws frames while the maps are computed", map_frames >= 10, f"{map_frames} frames")
        suite.check("no error while the maps are computed", not page.errors(), "; ".join(page.errors()[:3]))
        sweep = json.loads(page.evaluate(f"{data}.optvizSweep") or "{}")
        suite.check("the page's worker computed the maps", sweep.get("threads") == "worker", str(sweep))
        page.screenshot(work / "maps.png")
        check_map_worker(suite, page, base, work)
        check_without_worker(suite, page, site, work)
        check_network_views(suite, page, base, work)
        check_default_network(suite, page, base)

        # 13. At a device pixel ratio of 2 the canvas has twice the page's pixels (the UI scale follows).
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": False}, page.session)
        page.open(base + "?ratio2")
        size = page.evaluate("[document.getElementById('canvas').width, document.getElementById('canvas').height]")
        suite.check("at a device pixel ratio of 2 the canvas has 2x the page's pixels",
                    size == [2 * WIDTH, 2 * HEIGHT], f"canvas {size}")
        page.screenshot(work / "ratio2.png")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for png in list(work.glob("*.png")) + pngs:
                shutil.copy(png, keep / png.name)
    finally:
        page.close()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"browser: {suite.passed} passed, {suite.failed} failed")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
