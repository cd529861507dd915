// Help > About optviz, driven with the mouse as a user would: the menu bar's Help, its About item,
// then the box's licence text behind a collapsing header.
#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "drawn_text.hpp"
#include "headless_ui.hpp"
#include "presets.hpp"

namespace optviz::gui::test {
namespace {

// A press in one frame, the release in the next; the text the second frame drew.
std::string click(HeadlessUi& ui, ImVec2 at) {
  ui.frame([&](ImGuiIO& io) {
    io.MousePos = at;
    io.MouseDown[0] = true;
  });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  return drawn_text();
}

std::string text_frame(HeadlessUi& ui) {
  ui.frame();
  return drawn_text();
}

// Clicks along the menu bar until the Help menu (the one with "About optviz") is open; its x.
std::optional<float> open_help_menu(HeadlessUi& ui, float bar_y) {
  const float width = ImGui::GetIO().DisplaySize.x;
  for (float x = 2; x < width * 0.6f; x += ImGui::GetFontSize() * 0.5f) {
    if (click(ui, ImVec2(x, bar_y)).find("About optviz") != std::string::npos) return x;
    click(ui, ImVec2(width - 2, bar_y));  // a click outside closes whatever menu opened
  }
  return std::nullopt;
}

// The child window inside the About box: the licence's text.
const ImGuiWindow* licence_box(const ImGuiWindow* about) {
  for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (window->ParentWindow == about && (window->Flags & ImGuiWindowFlags_ChildWindow) && window->Active)
      return window;
  return nullptr;
}

bool title_bar_on_screen(const ImGuiWindow* window) {
  const ImRect title = window->TitleBarRect();
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  return title.Min.x >= 0 && title.Min.y >= 0 && title.Max.x <= screen.x && title.Max.y <= screen.y;
}

std::string licence_file() {
  std::ifstream in(OPTVIZ_LICENSE_FILE);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Help > About optviz shows the version, the MIT licence with its text, and the libraries") {
  HeadlessUi ui(default_scenario(), 1280, 720);
  ui.frames(2);
  const float bar_y = ImGui::GetFrameHeight() * 0.5f;
  const std::optional<float> help_x = open_help_menu(ui, bar_y);
  REQUIRE(help_x.has_value());

  // Down the open menu until a click opens the About box (a click on another item closes the menu).
  const float below = ImGui::GetIO().DisplaySize.y * 0.6f;
  for (float y = bar_y * 2 + 2; !ui.state.view.dialogs.about && y < below; y += ImGui::GetFontSize() * 0.5f) {
    click(ui, ImVec2(*help_x + ImGui::GetFontSize(), y));
    if (!ui.state.view.dialogs.about) REQUIRE(open_help_menu(ui, bar_y) == help_x);
  }
  REQUIRE(ui.state.view.dialogs.about);
  ui.state.view.settings.show_help = false;  // the shortcuts, if a click on their item opened them
  std::string text = text_frame(ui);
  CHECK(text.find("About optviz") != std::string::npos);
  CHECK(text.find("optviz " OPTVIZ_VERSION) != std::string::npos);
  CHECK(text.find("MIT licence") != std::string::npos);
  for (const char* library : {"Dear ImGui", "GLFW", "glad", "libpng", "giflib", "JSON for Modern C++", "CLI11"})
    CHECK(text.find(library) != std::string::npos);
  const std::string licence = licence_file();
  REQUIRE(licence.find("Permission is hereby granted") != std::string::npos);
  // The licence's text waits behind its header; a click on the header shows LICENSE's text.
  CHECK(text.find("Permission is hereby granted") == std::string::npos);
  const ImGuiWindow* box = ImGui::FindWindowByName("About optviz");
  REQUIRE(box != nullptr);
  for (float y = box->Pos.y + ImGui::GetFrameHeight() + 2; y < box->Pos.y + box->Size.y;
       y += ImGui::GetFontSize() * 0.5f) {
    text = click(ui, ImVec2(box->Pos.x + ImGui::GetFontSize() * 2, y));
    if (text.find("Permission is hereby granted") != std::string::npos) break;
  }
  CHECK(text.find("Permission is hereby granted, free of charge") != std::string::npos);
  // The text's box scrolls to its end.
  const ImGuiWindow* box_of_text = licence_box(box);
  REQUIRE(box_of_text != nullptr);
  const ImVec2 inside(box_of_text->Pos.x + 10, box_of_text->Pos.y + 10);
  for (int i = 0; i < 10 && text.find("WITHOUT WARRANTY OF ANY KIND") == std::string::npos; ++i) {
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = inside;
      io.MouseWheel = -5;
    });
    text = text_frame(ui);
  }
  CHECK(text.find("WITHOUT WARRANTY OF ANY KIND") != std::string::npos);
  CHECK(title_bar_on_screen(box));
  CHECK(licence.find("Copyright (c) 2026 the optviz authors") != std::string::npos);

  // Its close button, at the right of its title bar, closes it.
  const ImRect title = box->TitleBarRect();
  click(ui, ImVec2(title.Max.x - ImGui::GetStyle().FramePadding.x - ImGui::GetFontSize() * 0.5f, title.GetCenter().y));
  CHECK_FALSE(ui.state.view.dialogs.about);
  CHECK(text_frame(ui).find("About optviz") == std::string::npos);
}

}  // namespace optviz::gui::test
