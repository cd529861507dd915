#!/usr/bin/env python3
"""Makes the page one file that opens from file:// with no server (scripts/build-web.sh --single-file).

  python3 scripts/web_single_file.py BUILD_WEB_DIR OUTPUT.html

Takes the page that build-web.sh linked (optviz.html, optviz.js, optviz.wasm, optviz.data: the same
program the served page runs, not a second link) and writes one HTML file with the rest inside it:
the WebAssembly as Module.wasmBinary and the fonts' package through Module.getPreloadedPackage,
both base64 in the page and decoded before optviz.js starts, and optviz.js inline. A page opened
from file:// may not fetch its neighbours, and these two hooks of Emscripten's loader are where it
would. The maps' worker (optviz_worker.js and its WebAssembly, base64 as its Module.wasmBinary) is
inside too, as the text of a script element that is not run: the page starts the worker from a
blob: URL of that text (app/platform/web_map_worker.cpp), which a page from file:// may do. The lessons are compiled into the WebAssembly. The page uses no threads (file:// gives no
cross-origin isolation, so no SharedArrayBuffer): the script refuses a build that does.
Prints the file's size and its size compressed with gzip -9.
"""

import base64
import gzip
import pathlib
import sys

WORKER = """<script type="text/plain" id="optviz-map-worker">
var Module = {wasmBinary: (function(text) {
  var binary = atob(text), array = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; ++i) array[i] = binary.charCodeAt(i);
  return array;
})('%(wasm)s')};
%(script)s
</script>
"""

LOADER = """<script>
  // The WebAssembly and the fonts, inside the page (scripts/web_single_file.py).
  (function() {
    function bytes(text) {
      var binary = atob(text), array = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; ++i) array[i] = binary.charCodeAt(i);
      return array;
    }
    Module.wasmBinary = bytes('%(wasm)s');
    var fonts = bytes('%(data)s').buffer;
    Module.getPreloadedPackage = function(name, size) { return fonts; };
  })();
</script>
<script>
%(script)s
</script>"""


def single_file(site):
    html = (site / "optviz.html").read_text()
    script = (site / "optviz.js").read_text()
    tag = '<script async type="text/javascript" src="optviz.js"></script>'
    if html.count(tag) != 1:
        raise SystemExit(f"web_single_file: {site}/optviz.html does not load optviz.js with {tag}")
    for threads in ("SharedArrayBuffer", "PThread"):
        if threads in script:
            raise SystemExit(f"web_single_file: optviz.js uses {threads}: a page built with threads does not open "
                             "from file:// (no cross-origin isolation)")
    worker = (site / "optviz_worker.js").read_text()
    for name, text in (("optviz.js", script), ("optviz_worker.js", worker)):
        for ending in ("</script", "<!--"):
            if ending in text.lower():
                raise SystemExit(f"web_single_file: {name} contains '{ending}', which would break the inline script")
    loader = LOADER % {
        "wasm": base64.b64encode((site / "optviz.wasm").read_bytes()).decode(),
        "data": base64.b64encode((site / "optviz.data").read_bytes()).decode(),
        "script": script,
    }
    inside = WORKER % {
        "wasm": base64.b64encode((site / "optviz_worker.wasm").read_bytes()).decode(),
        "script": worker,
    }
    return html.replace(tag, inside + loader)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    site, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    page = single_file(site).encode()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".tmp-single")
    partial.write_bytes(page)
    partial.replace(output)
    packed = len(gzip.compress(page, compresslevel=9, mtime=0))
    print(f"web_single_file: {output}: {len(page) / 1e6:.2f} MB, {packed / 1e6:.2f} MB with gzip -9")
    return 0


if __name__ == "__main__":
    sys.exit(main())
