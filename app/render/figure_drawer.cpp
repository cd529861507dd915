#include "figure_drawer.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "canvas_draw.hpp"
#include "data_plot.hpp"
#include "figure_frame.hpp"
#include "figure_renderer.hpp"
#include "fonts.hpp"
#include "glsl_version.hpp"
#include "line_plot.hpp"
#include "map_figure.hpp"
#include "run_plots.hpp"
#include "theme.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The question slide's heading is its question (the title would give the answer away) and it has
// no text; the other slides have the title and the lesson's text.
std::string figure_title(const Scenario& s, FigureComposition composition) {
  if (composition == FigureComposition::question && !s.lesson.question.empty()) return shown_text(s).question;
  return slide_title(s);
}

std::string slide_text(const Scenario& s, FigureComposition composition) {
  return composition == FigureComposition::question ? std::string() : shown_text(s).description;
}

std::vector<LessonPlot> slide_plots(const Scenario& s, FigureComposition composition) {
  return composition == FigureComposition::question ? std::vector<LessonPlot>{} : shown_plots(s);
}

}  // namespace

Image read_pixels(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> swap(row);
  for (int y = 0; y < height / 2; ++y) {
    std::uint8_t* a = image.rgba.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* b = image.rgba.data() + static_cast<std::size_t>(height - 1 - y) * row;
    std::memcpy(swap.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, swap.data(), row);
  }
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

float figure_font_size(int width, int height) {
  return std::clamp(std::round(static_cast<float>(std::min(width, height)) / 42.0f), 10.0f, 110.0f);
}

std::unique_ptr<FigureDrawer> FigureDrawer::create(std::string& error) {
  std::unique_ptr<FigureDrawer> d(new FigureDrawer());
  d->heatmap_ = HeatmapRenderer::create(error);
  if (!d->heatmap_) return nullptr;
  d->surface_ = SurfaceRenderer::create(error);
  if (!d->surface_) return nullptr;
  d->framebuffer_ = make_framebuffer();
  d->colour_ = make_texture();
  d->context_ = ImGui::CreateContext();
  ContextScope scope(d->context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  if (!ImGui_ImplOpenGL3_Init(kGlslVersion)) {
    error = tr("cannot initialise ImGui's OpenGL 3 renderer for figures");
    return nullptr;
  }
  std::string warning;
  load_fonts(*io.Fonts, kBaseFontSize, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  d->font_size_ = kBaseFontSize;
  return d;
}

FigureDrawer::~FigureDrawer() {
  if (context_ == nullptr) return;
  {
    ContextScope scope(context_);
    if (ImGui::GetIO().BackendRendererUserData != nullptr) ImGui_ImplOpenGL3_Shutdown();
  }
  ImGui::DestroyContext(context_);
}

void FigureDrawer::use_fonts(float pixels, const std::string& text) {
  if (pixels == font_size_ && text == font_text_) return;
  std::string warning;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load_fonts(*ImGui::GetIO().Fonts, pixels, warning, text);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  font_size_ = pixels;
  font_text_ = text;
}

void FigureDrawer::draw_sweep(ImDrawList& dl, PixelRect rect, const Scenario& scenario) {
  Sweep wanted;
  try {
    wanted = lesson_sweep(scenario);
  } catch (const std::invalid_argument&) {
    return;  // checked where the scenario entered
  }
  // Drawn at the size it takes in the rectangle (its proportions kept), so that its text is sharp.
  const auto [units_w, units_h] = sweep_figure_units(wanted.x.count, wanted.y.count);
  const double scale =
      std::min(static_cast<double>(rect.width()) / units_w, static_cast<double>(rect.height()) / units_h);
  if (!sweep_ || !(*sweep_ == wanted)) {
    sweep_map_ = sweep(wanted);
    sweep_ = wanted;
    sweep_scale_ = 0;
  }
  if (scale != sweep_scale_) {
    const RunSpec& run = wanted.run;
    sweep_image_ =
        draw_sweep_figure(wanted, sweep_map_, MapColouring::loss,
                          Vec2{run.hyper.*wanted.x.parameter->member, run.hyper.*wanted.y.parameter->member}, scale);
    sweep_scale_ = scale;
    if (!sweep_texture_) sweep_texture_ = std::make_unique<MapTexture>();
    sweep_texture_->update(sweep_image_.rgba, sweep_image_.width, sweep_image_.height, ++sweep_generation_);
  }
  const float iw = static_cast<float>(sweep_image_.width), ih = static_cast<float>(sweep_image_.height);
  const float x0 = rect.x0 + (rect.width() - iw) / 2, y0 = rect.y0 + (rect.height() - ih) / 2;
  dl.AddImage(texture_id(sweep_texture_->id()), ImVec2(x0, y0), ImVec2(x0 + iw, y0 + ih));
}

void FigureDrawer::draw_slide(ImDrawList& dl, const Scenario& scenario, const std::vector<Trajectory>& runs,
                              const FigureRequest& request, const SlideLayout& layout) {
  const bool dark = request.dark;
  const bool question = request.composition == FigureComposition::question;
  const ImGuiIO& io = ImGui::GetIO();
  ImFont* font = io.Fonts->Fonts[0];
  ImFont* large = io.Fonts->Fonts.Size > 2 ? io.Fonts->Fonts[2] : font;
  const float fs = layout.font_size;
  const Theme theme = dark ? Theme::dark : Theme::light;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 accent = ImGui::GetColorU32(ImGuiCol_CheckMark);
  const float width = static_cast<float>(request.width);

  if (layout.chapter.width() > 0)
    // In the text's colour: small light blue text is lost at the back of a room.
    dl.AddText(font, fs * kSlideChapterScale, ImVec2(layout.chapter.x0, layout.chapter.y0), text,
               shown_text(scenario).chapter.c_str());
  const std::string title =
      wrap_at_spaces(large, fs * kSlideTitleScale, layout.title.width(), figure_title(scenario, request.composition));
  dl.AddText(large, fs * kSlideTitleScale, ImVec2(layout.title.x0, layout.title.y0), question ? accent : text,
             title.c_str());
  const std::string body = wrap_at_spaces(font, fs, layout.text.width(), slide_text(scenario, request.composition));
  if (!body.empty()) dl.AddText(font, fs, ImVec2(layout.text.x0, layout.text.y0), text, body.c_str());

  // The canvas's own labels a little smaller than the text, so that the heatmap keeps its room.
  const float canvas_fs = std::round(fs * 0.8f);
  const CanvasStyle canvas = canvas_style(theme, canvas_fs / kBaseFontSize, font, canvas_fs);
  // The plots, drawn as the window's panel draws them, in a window over the slide; the question
  // slide has none (their curves are the answer). A lesson about its sweep map shows the map where
  // the canvas would go, and the canvas in the map's place.
  const std::vector<LessonPlot> kinds = slide_plots(scenario, request.composition);
  const auto sweep_at = std::find(kinds.begin(), kinds.end(), LessonPlot::sweep);
  const auto sweep_slot = static_cast<std::size_t>(sweep_at - kinds.begin());
  if (sweep_at != kinds.end() && sweep_slot < layout.plots.size()) {
    draw_canvas(dl, layout.plots[sweep_slot], scenario, runs, request.step, canvas, false, !question);
    draw_sweep(dl, layout.canvas, scenario);
  } else {
    draw_canvas(dl, layout.canvas, scenario, runs, request.step, canvas, false, !question);
  }
  if (kinds.empty()) return;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, static_cast<float>(request.height)));
  ImGui::Begin("##slide", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFontScale(canvas_fs / font_size_);
  const RunPlotsSource source{&scenario, &runs, request.step, scenario.lesson.coordinate, {}, true};
  Polylines scratch;
  for (std::size_t i = 0; i < kinds.size() && i < layout.plots.size(); ++i) {
    const PixelRect r = layout.plots[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
    if (kinds[i] == LessonPlot::data && scenario.course.objective.is_data()) {
      std::vector<DataModelLine> models;
      for (std::size_t k = 0; k < scenario.course.runs.size() && k < runs.size(); ++k)
        if (scenario.looks[k].visible)
          if (const auto theta = parameters_at(runs[k], request.step))
            models.push_back({*theta, {run_colour(scenario.looks[k].colour), 2.4f * canvas.scale, false}});
      draw_data(*ImGui::GetWindowDrawList(), ImVec2(r.x0, r.y0), ImVec2(r.width(), r.height()),
                *scenario.course.objective.data(), scenario.course.objective.loss(), models, canvas.scale);
    } else if (kinds[i] == LessonPlot::sweep) {
      // Drawn above, in the canvas's place.
    } else if (kinds[i] != LessonPlot::data) {
      LinePlot plot = run_plot(kinds[i], source);
      plot.ahead = true;  // as the paths: the rest of each curve faint beyond the step
      plot.y = series_range(plot);
      PlotColumnsCache cache;
      draw_line_plot("##plot", plot, ImVec2(r.width(), r.height()), canvas, scratch, cache);
    }
    ImGui::PopID();
  }
  ImGui::End();
}

static_assert(kSlideTitleScale == kLargeFontFactor, "a slide's title is drawn with the large font at its size");

Image FigureDrawer::render(const Scenario& scenario, const std::vector<Trajectory>& runs,
                           const FigureRequest& request) {
  const int width = std::clamp(request.width, 1, kMaxFigureSide);
  const int height = std::clamp(request.height, 1, kMaxFigureSide);
  ContextScope scope(context_);
  use_fonts(font_size_, shown_words(scenario));  // measured with the glyphs the slide draws
  ImGuiIO& io = ImGui::GetIO();
  const Theme theme = request.dark ? Theme::dark : Theme::light;
  const float w = static_cast<float>(width), h = static_cast<float>(height);

  std::optional<SlideLayout> slide;
  float fs = figure_font_size(width, height);
  if (request.composition != FigureComposition::canvas) {
    ImFont* font = io.Fonts->Fonts[0];
    const std::string title = figure_title(scenario, request.composition);
    const std::string body = slide_text(scenario, request.composition);
    const SlideContent content{!scenario.lesson.chapter.empty(),
                               [&](float wrap, float size) { return wrapped_height(font, size, wrap, title); },
                               [&](float wrap, float size) { return wrapped_height(font, size, wrap, body); },
                               slide_plots(scenario, request.composition).size()};
    slide = slide_layout(w, h, content);
    fs = std::round(slide->font_size * 0.8f);  // the canvas's and the plots' labels
  }
  return draw_frame(
      width, height, theme, slide ? slide->font_size : fs, fs, [&](ImDrawList& dl, const CanvasStyle& style) {
        if (slide)
          draw_slide(dl, scenario, runs, {request.step, width, height, request.composition, request.dark, std::nullopt},
                     *slide);
        else
          draw_canvas(dl, {0, 0, w, h}, scenario, runs, request.step, style, true, true);
      });
}

Image FigureDrawer::draw_frame(int width, int height, Theme theme, float text_size, float fs,
                               const std::function<void(ImDrawList&, const CanvasStyle&)>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  use_fonts(text_size, font_text_);
  apply_theme(theme, ui_metrics(fs / kBaseFontSize));
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const CanvasStyle style = canvas_style(theme, fs / kBaseFontSize, io.Fonts->Fonts[0], fs);
  dl.AddRectFilled(ImVec2(0, 0), io.DisplaySize, style.background);
  draw(dl, style);
  ImGui::Render();

  if (width != width_ || height != height_) {
    glBindTexture(GL_TEXTURE_2D, colour_.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, 0);
    width_ = width;
    height_ = height;
  }
  const ScopedFramebufferBinding saved;
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_.get(), 0);
  Image image;
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    image = read_pixels(width, height);
  }
  return image;
}

namespace {

// In the GL context of the caller (the window): the context outlives the renderer.
class InContextFigureRenderer final : public FigureRenderer {
 public:
  explicit InContextFigureRenderer(std::unique_ptr<FigureDrawer> drawer) : drawer_(std::move(drawer)) {}
  Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, const FigureRequest& request) override {
    return drawer_->render(scenario, runs, request);
  }
  Image render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request) override {
    return drawer_->render_network(scenario, runs, request);
  }

 private:
  std::unique_ptr<FigureDrawer> drawer_;
};

}  // namespace

std::unique_ptr<FigureRenderer> make_figure_renderer_in_context(std::string& error) {
  auto drawer = FigureDrawer::create(error);
  if (!drawer) return nullptr;
  return std::make_unique<InContextFigureRenderer>(std::move(drawer));
}

}  // namespace optviz::gui
