// A FigureDrawer in a hidden window's GL context, for `optviz render` and GIFs.
#include "hidden_figure_renderer.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "figure_drawer.hpp"
#include "glfw_setup.hpp"

namespace optviz {
namespace {

class HiddenWindowFigureRenderer final : public FigureRenderer {
 public:
  HiddenWindowFigureRenderer(GLFWwindow* window, std::unique_ptr<gui::FigureDrawer> drawer)
      : window_(window), drawer_(std::move(drawer)) {}
  ~HiddenWindowFigureRenderer() override {
    glfwMakeContextCurrent(window_);
    drawer_.reset();
    glfwDestroyWindow(window_);
    gui::release_glfw();
  }
  HiddenWindowFigureRenderer(const HiddenWindowFigureRenderer&) = delete;
  HiddenWindowFigureRenderer& operator=(const HiddenWindowFigureRenderer&) = delete;

  Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, const FigureRequest& request) override {
    glfwMakeContextCurrent(window_);
    return drawer_->render(scenario, runs, request);
  }
  Image render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request) override {
    glfwMakeContextCurrent(window_);
    return drawer_->render_network(scenario, runs, request);
  }

 private:
  GLFWwindow* window_;
  std::unique_ptr<gui::FigureDrawer> drawer_;
};

}  // namespace

std::unique_ptr<FigureRenderer> make_hidden_figure_renderer(std::string& error) {
  if (!gui::acquire_glfw(error)) return nullptr;
  GLFWwindow* window = gui::create_gl_window(64, 64, "optviz figure", false, error);
  if (window == nullptr) {
    gui::release_glfw();
    return nullptr;
  }
  auto drawer = gui::FigureDrawer::create(error);
  if (!drawer) {
    glfwDestroyWindow(window);
    gui::release_glfw();
    return nullptr;
  }
  return std::make_unique<HiddenWindowFigureRenderer>(window, std::move(drawer));
}

}  // namespace optviz
