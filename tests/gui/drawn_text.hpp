// The text that the last ImGui frame drew, read back from its draw data: what is on the screen,
// not what the code meant to show (a collapsed header's contents and clipped lines are absent).
#pragma once

#include <string>

namespace optviz::gui::test {

// Every glyph quad of ImGui::GetDrawData(), in drawing order, as UTF-8: a space where the gap
// between two glyphs is wider than 0.3 times the taller one's height or the line changes, and a newline
// between draw lists (windows). Call after ImGui::Render().
std::string drawn_text();

}  // namespace optviz::gui::test
