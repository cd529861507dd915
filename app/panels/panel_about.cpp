// Help > About optviz: the version, what optviz is, its licence (MIT, the text of LICENSE
// embedded at build time) and the libraries compiled into the program, each with its licence.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "licence_text.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

struct Library {
  const char* name;
  const char* licence;
};

// What the program is made of besides its own code, in the current language. The desktop links
// GLFW, libpng, zlib, giflib and stb from Debian's packages; the page compiles libpng, zlib and
// giflib into itself, and Emscripten brings its window (GLFW's interface on WebGL) and C and C++
// libraries.
std::vector<Library> libraries() {
  return {
      {tr("Dear ImGui 1.86 (the window's widgets)"), "MIT"},
      {tr("stb_truetype, stb_rect_pack, stb_textedit (fonts, text fields)"), tr("public domain or MIT")},
      {tr("libpng 1.6 (PNG figures)"), tr("libpng licence")},
      {tr("zlib (compression, links)"), "zlib"},
      {tr("giflib 5 (animated GIFs)"), "MIT"},
      {tr("JSON for Modern C++ (scenario files)"), "MIT"},
#ifdef __EMSCRIPTEN__
      {tr("DejaVu fonts (inside the page)"), tr("Bitstream Vera licence, public domain changes")},
      {tr("Emscripten's runtime, GLFW interface and libc"), tr("MIT or University of Illinois/NCSA")},
      {"libc++", "Apache-2.0 WITH LLVM-exception"},
#else
      {tr("GLFW 3 (the window and input)"), "zlib"},
      {tr("glad 2 (the generated OpenGL loader)"), tr("CC0-1.0 or WTFPL; Khronos's registry Apache-2.0")},
      {tr("CLI11 (the command line)"), "BSD-3-Clause"},
#endif
  };
}

// LICENSE's paragraphs as flowing text: its line breaks within a paragraph become spaces, so that
// the box wraps it at its own width.
std::string reflowed(std::string_view text) {
  std::string flowing(text);
  for (std::size_t i = 1; i + 1 < flowing.size(); ++i)
    if (flowing[i] == '\n' && flowing[i - 1] != '\n' && flowing[i + 1] != '\n') flowing[i] = ' ';
  return flowing;
}

void libraries_table() {
  if (!ImGui::BeginTable("libraries", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(tr("library"));
  ImGui::TableSetupColumn(tr("licence"));
  ImGui::TableHeadersRow();
  for (const Library& library : libraries()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", library.name);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", library.licence);
  }
  ImGui::EndTable();
}

}  // namespace

void draw_about(AppState& state) {
  bool& open = state.view.dialogs.about;
  if (!open) return;
  const float em = ImGui::GetFontSize();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  // Under the menu bar, centred across: it grows downwards when the licence's text opens, and its
  // title bar (its close button) stays on the screen whatever its height.
  const float top = ImGui::GetFrameHeight() * 2;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + top), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.0f));
  // As wide as a paragraph reads well (or the screen), as tall as what it shows.
  const float width = std::min(em * 34, viewport->Size.x * 0.95f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, viewport->Size.y - top * 1.5f));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;
  if (ImGui::Begin(tr("About optviz"), &open, flags)) {
    ImGui::Text("optviz %s", OPTVIZ_VERSION);
    ImGui::TextWrapped("%s", tr("Watch RMSprop, AdaGrad, Adam, SGD with momentum and their relatives move over 2D "
                                "loss surfaces, with the accumulator G_t and the step size eta/(sqrt(G_t)+eps) shown "
                                "live; the numbers match PyTorch's torch.optim."));
    ImGui::Spacing();
    ImGui::TextWrapped("%s", tr("Copyright (c) 2026 the optviz authors. Free software under the MIT licence."));
    if (ImGui::CollapsingHeader(tr("The MIT licence's text"))) {
      // LICENSE as it is, in a box of its own that scrolls on a small screen.
      const float height = std::min(em * 12, viewport->Size.y * 0.25f);
      ImGui::BeginChild("licence", ImVec2(0, height), true);
      ImGui::PushTextWrapPos(0.0f);
      const std::string text = reflowed(kLicenceText);
      ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
      ImGui::PopTextWrapPos();
      ImGui::EndChild();
    }
    ImGui::Spacing();
    ImGui::TextWrapped("%s", tr("Built with these libraries, each under a licence compatible with MIT:"));
    libraries_table();
  }
  ImGui::End();
}

}  // namespace optviz::gui
