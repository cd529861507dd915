#include "headless_ui.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "../support/small_network.hpp"
#include "keys.hpp"
#include "ui.hpp"

namespace optviz::gui::test {

ImGuiContext* make_headless_context(float width, float height) {
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(width, height);
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  return context;
}

bool settle_training(HeadlessUi& ui) {
  for (int i = 0; i < 60'000 && ui.state.model.training->busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame();
  }
  ui.frame();
  return !ui.state.model.training->busy();
}

HeadlessUi::HeadlessUi(Scenario scenario, float width, float height, float scale)
    : context_(make_headless_context(width, height)) {
  ImGuiIO& io = ImGui::GetIO();
  // The key map of ImGui's GLFW backend (GLFW's key codes).
  io.KeyMap[ImGuiKey_Tab] = keys::kTab;
  io.KeyMap[ImGuiKey_LeftArrow] = keys::kLeft;
  io.KeyMap[ImGuiKey_RightArrow] = keys::kRight;
  io.KeyMap[ImGuiKey_UpArrow] = keys::kUp;
  io.KeyMap[ImGuiKey_DownArrow] = keys::kDown;
  io.KeyMap[ImGuiKey_PageUp] = keys::kPageUp;
  io.KeyMap[ImGuiKey_PageDown] = keys::kPageDown;
  io.KeyMap[ImGuiKey_Home] = keys::kHome;
  io.KeyMap[ImGuiKey_End] = keys::kEnd;
  io.KeyMap[ImGuiKey_Delete] = keys::kDelete;
  io.KeyMap[ImGuiKey_Backspace] = keys::kBackspace;
  io.KeyMap[ImGuiKey_Space] = keys::kSpace;
  io.KeyMap[ImGuiKey_Enter] = keys::kEnter;
  io.KeyMap[ImGuiKey_Escape] = keys::kEscape;
  io.KeyMap[ImGuiKey_A] = keys::kA;
  state = make_state(std::move(scenario));
  state.view.settings.ui_scale = scale;
  state.view.settings.scale_follows_monitor = false;
  // Any non-null id: the canvas then draws its heatmap image as with a renderer.
  state.view.heatmap_texture = reinterpret_cast<void*>(std::uintptr_t{1});
  rebuild_fonts();
}

HeadlessUi::~HeadlessUi() { ImGui::DestroyContext(context_); }

void HeadlessUi::rebuild_fonts() {
  std::string warning;
  apply_ui_scale(state, state.view.settings.ui_scale, warning);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  state.view.requests.rebuild_fonts = false;
}

void HeadlessUi::frame(const std::function<void(ImGuiIO&)>& input) {
  if (state.view.requests.rebuild_fonts) rebuild_fonts();
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60;
  if (input) input(io);
  ImGui::NewFrame();
  draw_ui(state, static_cast<double>(io.DeltaTime));
  ImGui::Render();
  process_file_requests(state);
  // The GL work of the application, which these tests do not have, is dropped.
  state.view.requests.export_png = state.view.requests.start_gif = state.view.requests.cancel_gif = false;
}

void HeadlessUi::press(int key, bool ctrl, bool shift) {
  frame([&](ImGuiIO& io) {
    io.KeysDown[key] = true;
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
  });
  frame([&](ImGuiIO& io) {
    io.KeysDown[key] = false;
    io.KeyCtrl = io.KeyShift = false;
  });
}

Scenario small_network() { return small_network_scenario(120, 150); }

std::filesystem::path temp_dir(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("optviz-gui-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void HeadlessUi::resize(float width, float height) { ImGui::GetIO().DisplaySize = ImVec2(width, height); }

}  // namespace optviz::gui::test
