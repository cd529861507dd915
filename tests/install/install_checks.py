#!/usr/bin/env python3
"""Checks of what `cmake --install` put into PREFIX, one check per ctest test.

usage: install_checks.py CHECK PREFIX VERSION

Exits 0 when the check passes, 1 when it fails, and 77 (ctest's SKIP_RETURN_CODE) when a tool the
check needs is missing, saying which package brings it.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

SKIP = 77
ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.optviz.optviz"
MIME_TYPE = "application/x-optviz-scenario"

EXPECTED_FILES = [
    "bin/optviz",
    f"share/applications/{APP_ID}.desktop",
    f"share/metainfo/{APP_ID}.metainfo.xml",
    f"share/mime/packages/{APP_ID}.xml",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"share/icons/hicolor/48x48/apps/{APP_ID}.png",
    f"share/icons/hicolor/128x128/apps/{APP_ID}.png",
    f"share/icons/hicolor/256x256/apps/{APP_ID}.png",
    "share/man/man1/optviz.1",
    "share/bash-completion/completions/optviz",
    "share/doc/optviz/copyright",
    "share/doc/optviz/changelog",
]

# The help texts whose flags the manual page documents, each in the .SS subsection of its command.
# --help is documented once, under optviz, for every command.
HELPS = {"optviz": [], "optviz run": ["run"], "optviz train": ["train"], "optviz plane": ["plane"],
         "optviz render": ["render"],
         "optviz sweep": ["sweep"], "optviz basin": ["basin"]}
# Flags that a command shares with another and that the manual page documents once, under that
# one: train, sweep and basin take the flags of a run (--function, --optimizer, the hyperparameters...);
# plane takes train's, which take a run's.
SHARED_WITH = {"optviz train": ("optviz run",), "optviz plane": ("optviz train", "optviz run"),
               "optviz sweep": ("optviz run",), "optviz basin": ("optviz run",)}
SUBCOMMANDS = ("run", "train", "plane", "render", "sweep", "basin", "list")


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def need(tool, package):
    path = shutil.which(tool)
    if path is None:
        raise Skip(f"{tool} is missing (Debian package {package})")
    return path


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def check_files(prefix, version):
    missing = [f for f in EXPECTED_FILES if not (prefix / f).is_file()]
    if missing:
        raise Failure("not installed: " + ", ".join(missing))
    installed = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
    unexpected = sorted(set(installed) - set(EXPECTED_FILES))
    if unexpected:
        raise Failure("installed but not expected by this test: " + ", ".join(unexpected))
    if not os.access(prefix / "bin/optviz", os.X_OK):
        raise Failure("bin/optviz is not executable")
    result = run([str(prefix / "bin/optviz"), "--version"])
    lines = result.stdout.strip().splitlines()
    if not lines or lines[0] != f"optviz {version}" or "MIT licence" not in result.stdout:
        raise Failure(f"bin/optviz --version printed {result.stdout!r}, expected 'optviz {version}' and its licence")


def png_size(path):
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise Failure(f"{path} is not a PNG file")
    return struct.unpack(">II", header[16:24])


def check_icons(prefix, version):
    for size in (48, 128, 256):
        path = prefix / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        if png_size(path) != (size, size):
            raise Failure(f"{path} is {png_size(path)}, expected {size}x{size}")
    svg = ET.parse(prefix / f"share/icons/hicolor/scalable/apps/{APP_ID}.svg").getroot()
    if svg.tag != "{http://www.w3.org/2000/svg}svg":
        raise Failure(f"the scalable icon's root element is {svg.tag}, not an SVG <svg>")


def desktop_entry(prefix):
    entry = {}
    for line in (prefix / f"share/applications/{APP_ID}.desktop").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entry[key] = value
    return entry


def check_desktop_entry(prefix, version):
    validate = need("desktop-file-validate", "desktop-file-utils")
    path = prefix / f"share/applications/{APP_ID}.desktop"
    result = run([validate, str(path)])
    if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
        raise Failure(f"desktop-file-validate {path}:\n{result.stdout}{result.stderr}")
    entry = desktop_entry(prefix)
    if entry.get("Exec") != "optviz %f":
        raise Failure(f"Exec={entry.get('Exec')}, expected 'optviz %f'")
    if entry.get("Icon") != APP_ID:
        raise Failure(f"Icon={entry.get('Icon')}, expected {APP_ID} (the installed icon's name)")
    mime_types = entry.get("MimeType", "").split(";")
    for wanted in (MIME_TYPE, "image/png"):
        if wanted not in mime_types:
            raise Failure(f"MimeType lacks {wanted}")


def check_metainfo(prefix, version):
    appstreamcli = need("appstreamcli", "appstream")
    path = prefix / f"share/metainfo/{APP_ID}.metainfo.xml"
    result = run([appstreamcli, "validate", "--no-net", "--pedantic", "--no-color", str(path)])
    issues = [line for line in result.stdout.splitlines() if re.match(r"[EWIP]: ", line)]
    if result.returncode != 0 or issues:
        raise Failure(f"appstreamcli validate --no-net --pedantic {path}:\n{result.stdout}{result.stderr}")
    component = ET.parse(path).getroot()
    releases = [r.get("version") for r in component.iter("release")]
    if not releases or releases[0] != version:
        raise Failure(f"the newest <release> is {releases[:1]}, expected {version} (CMakeLists.txt's project "
                      "version): add a <release> for it")
    if component.findtext("project_license") != "MIT":
        raise Failure(f"the project_license is {component.findtext('project_license')!r}, expected 'MIT' (LICENSE)")
    launchable = component.findtext("launchable")
    if not (prefix / "share/applications" / launchable).is_file():
        raise Failure(f"the launchable {launchable} is not installed")


def dep5_paragraphs(text):
    """The paragraphs of a machine-readable copyright file: dicts of field to value, a value's
    continuation lines joined by newlines with their one space of indentation removed, " ." as an
    empty line."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith((" ", "\t")) and key is not None:
                fields[key] += "\n" + ("" if line.strip() == "." else line[1:])
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
            else:
                raise Failure(f"a line that is neither a field nor a continuation: {line!r}")
        paragraphs.append(fields)
    return paragraphs


def check_copyright(prefix, version):
    """The packaged copyright file is machine-readable (DEP-5): optviz's own files under MIT, with
    LICENSE's text, and every licence a paragraph names has its text or where to find it."""
    path = prefix / "share/doc/optviz/copyright"
    paragraphs = dep5_paragraphs(path.read_text())
    if not paragraphs[0].get("Format", "").startswith("https://www.debian.org/doc/packaging-manuals/copyright-format/1.0"):
        raise Failure(f"{path} does not start with a DEP-5 Format field: {paragraphs[0]}")
    everything = [p for p in paragraphs if p.get("Files") == "*"]
    if len(everything) != 1 or everything[0].get("License") != "MIT" or "the optviz authors" not in everything[0].get(
            "Copyright", ""):
        raise Failure(f"{path} has no 'Files: *' paragraph of the optviz authors under License: MIT: {everything}")
    texts = {p["License"].split("\n")[0]: p["License"] for p in paragraphs if set(p) == {"License"}}
    licence = (ROOT / "LICENSE").read_text().strip().splitlines()
    mit_text = "\n".join(licence[licence.index("Permission is hereby granted, free of charge, to any person obtaining a copy"):])
    if texts.get("MIT", "").split("\n", 1)[-1].strip() != mit_text:
        raise Failure(f"the License: MIT paragraph of {path} is not the text of LICENSE")
    for paragraph in paragraphs:
        for name in re.findall(r"[\w.+-]+", paragraph.get("License", "").split("\n")[0]):
            if name not in ("and", "or") and name not in texts:
                raise Failure(f"{path} names the licence {name} without a License paragraph giving its text")


def check_mime(prefix, version):
    xmllint = need("xmllint", "libxml2-utils")
    update = need("update-mime-database", "shared-mime-info")
    source = prefix / f"share/mime/packages/{APP_ID}.xml"
    result = run([xmllint, "--noout", str(source)])
    if result.returncode != 0 or result.stderr.strip():
        raise Failure(f"xmllint {source}:\n{result.stderr}")
    # update-mime-database exits 0 even when it rejects a file: its messages are the verdict.
    with tempfile.TemporaryDirectory() as data:
        packages = Path(data) / "mime/packages"
        packages.mkdir(parents=True)
        shutil.copy(source, packages)
        environment = dict(os.environ, XDG_DATA_DIRS=data, XDG_DATA_HOME=data)
        result = run([update, str(Path(data) / "mime")], env=environment)
        if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
            raise Failure(f"update-mime-database:\n{result.stdout}{result.stderr}")
        globs = (Path(data) / "mime/globs2").read_text()
        if f"{MIME_TYPE}:*.optviz.json" not in globs:
            raise Failure(f"globs2 has no *.optviz.json for {MIME_TYPE}:\n{globs}")
        gio = shutil.which("gio")
        if gio is not None:  # how a file manager sees a scenario
            scenario = Path(data) / "lesson.optviz.json"
            scenario.write_text("{}\n")
            environment["XDG_DATA_DIRS"] = f"{data}:/usr/share"
            result = run([gio, "info", "-a", "standard::content-type", str(scenario)], env=environment)
            if f"standard::content-type: {MIME_TYPE}" not in result.stdout:
                raise Failure(f"gio info {scenario}:\n{result.stdout}{result.stderr}")


def check_man_page(prefix, version):
    groff = need("groff", "groff-base")
    man = need("man", "man-db")
    page = prefix / "share/man/man1/optviz.1"
    result = run([groff, "-man", "-Tutf8", "-ww", "-z", str(page)])
    if result.returncode != 0 or result.stderr.strip():
        raise Failure(f"groff -man -Tutf8 -ww -z {page}:\n{result.stderr}")
    # As lintian checks manual pages.
    environment = dict(os.environ, LC_ALL="C.UTF-8", MANROFFSEQ="", MANWIDTH="80")
    result = run([man, "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", str(page)], env=environment)
    if result.returncode != 0 or result.stderr.strip():
        raise Failure(f"man --warnings -l {page}:\n{result.stderr}")
    th = re.search(r'^\.TH OPTVIZ 1 \S+ "optviz ([^"]+)"', page.read_text(), re.M)
    if th is None or th.group(1) != version:
        raise Failure(f"the .TH line of {page} names version {th and th.group(1)}, expected {version}")


def check_bash_completion(prefix, version):
    bash = need("bash", "bash")
    completion = prefix / "share/bash-completion/completions/optviz"
    result = run([bash, "-n", str(completion)])
    if result.returncode != 0 or result.stderr.strip():
        raise Failure(f"bash -n {completion}:\n{result.stderr}")
    result = run([bash, "-c", 'source "$1" && complete -p optviz', "bash", str(completion)])
    if result.returncode != 0 or "-F _optviz optviz" not in result.stdout:
        raise Failure(f"sourcing {completion} registers no completion for optviz:\n{result.stdout}{result.stderr}")


def help_flags(optviz, command):
    """The flags in the option column of `optviz COMMAND --help` ("-h,--help", "--eta,--lr FLOAT")."""
    result = run([optviz, *command, "--help"])
    if result.returncode != 0:
        raise Failure(f"optviz {' '.join(command)} --help exited {result.returncode}:\n{result.stderr}")
    flags = []
    for line in result.stdout.splitlines():
        match = re.match(r"\s+(-[-\w,]*)", line)
        if match:
            flags += [f for f in match.group(1).split(",") if f]
    if "--help" not in flags:
        raise Failure(f"found no flags in the help of optviz {' '.join(command)}:\n{result.stdout}")
    return flags


def listed_names(optviz):
    """The functions and optimizers that `optviz list` prints."""
    result = run([optviz, "list"])
    functions, optimizers, section = [], [], None
    for line in result.stdout.splitlines():
        if line.startswith("Functions"):
            section = functions
        elif line.startswith("Optimizers"):
            section = optimizers
        elif section is not None and re.match(r"  \w", line):
            section.append(re.match(r"  (\w+)", line).group(1))
    if not functions or not optimizers:
        raise Failure(f"cannot read the functions and optimizers of optviz list:\n{result.stdout}")
    return functions, optimizers


def man_sections(page):
    """The roff source of each .SS subsection, by title, and of each .SH section."""
    sections, current = {}, None
    for line in page.read_text().splitlines():
        match = re.match(r'\.S[SH] "?([^"]*)"?$', line)
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return sections


def tagged_flags(lines):
    """The flags in the tags of a subsection's .TP paragraphs."""
    flags = set()
    for previous, line in zip(lines, lines[1:]):
        if previous.startswith(".TP"):
            flags |= set(re.findall(r"(?<![\w-])(-{1,2}\w[\w-]*)", line.replace("\\-", "-")))
    return flags


def completions(bash, completion, words):
    """What the completion offers for the command line `words`, the last one being completed."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _optviz; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    with tempfile.TemporaryDirectory() as empty:  # no files to offer besides the words
        result = run([bash, "-c", script, "bash", str(completion), *words], cwd=empty)
    if result.returncode != 0:
        raise Failure(f"the completion of {' '.join(words)!r} failed:\n{result.stderr}")
    return set(result.stdout.split())


def check_cli_documented(prefix, version):
    """Every flag the built optviz prints in its helps is in the manual page and the completion."""
    bash = need("bash", "bash")
    optviz = str(prefix / "bin/optviz")
    page = prefix / "share/man/man1/optviz.1"
    completion = prefix / "share/bash-completion/completions/optviz"
    sections = man_sections(page)
    problems = []
    for title, command in HELPS.items():
        flags = help_flags(optviz, command)
        if title not in sections:
            problems.append(f"the manual page has no subsection .SS \"{title}\"")
            continue
        documented = tagged_flags(sections[title])
        for shared in SHARED_WITH.get(title, ()):
            documented |= tagged_flags(sections.get(shared, []))
        if title != "optviz":
            documented |= {"-h", "--help"}
        for flag in flags:
            if flag not in documented:
                problems.append(f"{title} {flag}: no .TP entry in the manual page's .SS \"{title}\"")
        offered = completions(bash, completion, ["optviz", *command, "-"])
        for flag in flags:
            if flag not in offered:
                problems.append(f"{title} {flag}: the bash completion does not offer it")
    offered = completions(bash, completion, ["optviz", ""])
    for subcommand in SUBCOMMANDS:
        if subcommand not in offered:
            problems.append(f"the bash completion does not offer the command {subcommand}")
        if f"optviz {subcommand}" not in sections:
            problems.append(f"the manual page has no subsection .SS \"optviz {subcommand}\"")
    functions, optimizers = listed_names(optviz)
    for flag, names, section in (("--function", functions, "FUNCTIONS"), ("--optimizer", optimizers, "OPTIMIZERS")):
        offered = completions(bash, completion, ["optviz", "run", flag, ""])
        for command in ("sweep", "basin"):
            if completions(bash, completion, ["optviz", command, flag, ""]) != offered:
                problems.append(f"the bash completion of optviz {command} {flag} differs from optviz run's")
        text = "\n".join(sections.get(section, []))
        for name in names:
            if name not in offered:
                problems.append(f"the bash completion does not offer {flag} {name}")
            if not re.search(rf"^\.BR? {re.escape(name)}\b", text, re.M):
                problems.append(f"the manual page's {section} does not name {name}")
    if problems:
        raise Failure("\n".join(problems))


CHECKS = {
    "files": check_files,
    "icons": check_icons,
    "desktop_entry": check_desktop_entry,
    "metainfo": check_metainfo,
    "copyright": check_copyright,
    "mime": check_mime,
    "man_page": check_man_page,
    "bash_completion": check_bash_completion,
    "cli_documented": check_cli_documented,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in CHECKS:
        print(__doc__.strip() + "\nchecks: " + ", ".join(CHECKS), file=sys.stderr)
        return 2
    check, prefix, version = CHECKS[sys.argv[1]], Path(sys.argv[2]), sys.argv[3]
    try:
        check(prefix, version)
    except Skip as e:
        print(f"skipped: {e}")
        return SKIP
    except Failure as e:
        print(e)
        return 1
    print(f"{sys.argv[1]}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
