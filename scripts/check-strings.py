#!/usr/bin/env python3
"""Checks that the window shows no English literal that bypasses the catalog: in app/, the first
argument of every call that shows a label or a text (ImGui's Text, Button, MenuItem, SetTooltip,
..., a draw list's AddText, the panels' tooltip() and label_column()) is no string literal with a
word in it, unless it is an ImGui id ("##..."), a format of conversions only ("%s"), or one of the
few below that are names, formulas or keyboard shortcuts in every language. A shown string goes through tr() (po/).

  python3 scripts/check-strings.py [ROOT]      (exit 1 and the places when any)
"""
import pathlib
import re
import sys

SHOWN = ("Text|TextDisabled|TextWrapped|TextColored|TextUnformatted|BulletText|LabelText|Button|SmallButton|"
         "MenuItem|BeginMenu|Checkbox|RadioButton|Selectable|CollapsingHeader|TreeNode|SetTooltip|BeginCombo|"
         "BeginTabItem|Combo")
# ImGui::Text("..."), ImGui::TextColored(colour, "..."), dl.AddText(font, size, pos, colour, "..."),
# tooltip("..."), label_column("...", width): the literal that is shown.
ARG = r'(?:[^"(),;]|\([^"()]*\))*'  # an argument before the literal (one level of parentheses)
CALL = re.compile(r'(?:\bImGui::(?:' + SHOWN + r')|\bAddText|\btooltip|\blabel_column)\s*\(\s*(?:' + ARG +
                  r',\s*)*"((?:[^"\\]|\\.)*)"')
WORD = re.compile(r'[A-Za-z]{2,}')
# Keyboard shortcuts (a menu item's "Ctrl+S"), written the same in every language.
KEYS = re.compile(r'^(?:(?:Ctrl|Shift|Alt) ?\+ ?)*(?:[A-Z0-9+-]|F[0-9]{1,2}|Space|Escape|Tab|Enter|Delete|Home|End)$')
# Shown as they are in every language.
NAMES = {
    "optviz %s",          # the program's name and its version
    "|update|/|weight|",  # a formula
    "%zu NaN",            # a count of NaN (IEEE's name)
}


def problems(root):
    for path in sorted((root / "app").rglob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        for match in CALL.finditer(text):
            literal = match.group(1)
            visible = literal.split("##")[0]
            words = WORD.sub("", re.sub(r"%[-+ #0-9.]*[a-zA-Z]", "", visible)) != re.sub(
                r"%[-+ #0-9.]*[a-zA-Z]", "", visible)
            if not words or literal in NAMES or KEYS.match(literal):
                continue
            line = text.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(root)}:{line}: \"{literal}\" is shown without tr()"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    found = list(problems(root))
    for p in found:
        print(p, file=sys.stderr)
    if found:
        print(f"check-strings: {len(found)} shown strings bypass the catalog (wrap them in tr(), po/)",
              file=sys.stderr)
        return 1
    print("check-strings: every shown literal of app/ goes through tr()")
    return 0


if __name__ == "__main__":
    sys.exit(main())
