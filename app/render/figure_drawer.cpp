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
#include "figure_renderer.hpp"
#include "fonts.hpp"
#include "glsl_version.hpp"
#include "line_plot.hpp"
#include "map_figure.hpp"
#include "run_plots.hpp"
#include "theme.hpp"

namespace optviz::gui {
namespace {

// Makes `context` current for a scope and restores the previous one.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

void* texture_id(GLuint texture) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(texture)); }

struct FigureLayout {
  PixelRect plot;
  PixelRect bar;
  Point2 title;
};

// The canvas figure in `area`: `top` font sizes for the lines above the heatmap (the title and
// the formula of a figure alone, the formula in a slide), the axes' labels left and under it, the
// colour bar and its labels on its right.
FigureLayout figure_layout(PixelRect area, float top_lines, const CanvasStyle& s, const HeatmapScale& scale) {
  const float fs = s.font_size;
  const float top = fs * top_lines;
  const float left = fs * 0.6f + text_size(s, "-0.00").x + 10 * s.scale;
  const float bottom = fs * 0.6f + fs + 10 * s.scale;
  const float bar_w = fs * 0.9f;
  // The bar's column holds its labels and its title ("f above min") without reaching the heatmap.
  const float right =
      fs * 0.8f +
      std::max(bar_w + colour_bar_label_width(scale, s),
               std::max(text_size(s, colour_bar_title(scale)).x, 0.85f * text_size(s, colour_bar_minimum(scale)).x)) +
      fs * 0.5f;
  FigureLayout l;
  l.plot = {area.x0 + left, area.y0 + top, std::max(area.x0 + left + 1, area.x1 - right),
            std::max(area.y0 + top + 1, area.y1 - bottom)};
  // Room for the bar's title, and for the minimum under it when the labels count f above it.
  const float bar_top = colour_bar_minimum(scale).empty() ? 1.5f : 2.6f;
  l.bar = {l.plot.x1 + fs * 0.8f, l.plot.y0 + fs * bar_top, l.plot.x1 + fs * 0.8f + bar_w, l.plot.y1};
  l.title = {area.x0 + fs * 0.6f, area.y0 + fs * 0.35f};
  return l;
}

float wrapped_height(ImFont* font, float size, float width, const std::string& text) {
  if (text.empty()) return 0;
  const std::string lines = wrap_at_spaces(font, size, std::max(1.0f, width), text);
  return font->CalcTextSizeA(size, 1e9f, 0, lines.c_str()).y;
}

// The question slide's heading is its question (the title would give the answer away) and it has
// no text; the other slides have the title and the lesson's text.
std::string figure_title(const Scenario& s, FigureComposition composition) {
  if (composition == FigureComposition::question && !s.lesson.question.empty()) return s.lesson.question;
  return slide_title(s);
}

std::string slide_text(const Scenario& s, FigureComposition composition) {
  return composition == FigureComposition::question ? std::string() : s.description;
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
    error = "cannot initialise ImGui's OpenGL 3 renderer for figures";
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

void FigureDrawer::use_font_size(float pixels) {
  if (pixels == font_size_) return;
  std::string warning;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load_fonts(*ImGui::GetIO().Fonts, pixels, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  font_size_ = pixels;
}

void FigureDrawer::draw_canvas(ImDrawList& dl, PixelRect area, const Scenario& scenario,
                               const std::vector<Trajectory>& runs, long step, const CanvasStyle& style, bool alone,
                               bool paths) {
  const float fs = style.font_size;
  const Objective& f = scenario.objective;
  if (!scale_function_ || !(f == *scale_function_) || scenario.display.colour_scale != scale_kind_ ||
      !(scale_.high > scale_.low)) {
    scale_ = heatmap_scale(f, scenario.display.colour_scale);
    scale_function_ = f;
    scale_kind_ = scenario.display.colour_scale;
  }
  const FigureLayout layout = figure_layout(area, alone ? 3.2f : 1.9f, style, scale_);
  const Box box = sanitized_box(scenario.view, f.view());
  const CanvasTransform transform(box, layout.plot);
  const bool surface = scenario.display.view == CanvasView::surface;
  static const std::vector<Trajectory> no_runs;
  const std::vector<Trajectory>& drawn = paths ? runs : no_runs;
  const SurfaceRuns surface_runs{&scenario, &drawn, step, std::nullopt};
  SurfaceScene scene;
  if (surface) {
    surface_model_.update(f, box, scale_, scenario.display.surface.height);
    scene = surface_scene(surface_model_, scenario.display.surface, layout.plot, scenario.display.contour_count,
                          surface_runs, style);
    surface_->render(scene);
  } else {
    heatmap_->update({f, scenario.display.colour_scale, scenario.display.contour_count, transform.shown(),
                      std::max(1, static_cast<int>(std::lround(layout.plot.width()))),
                      std::max(1, static_cast<int>(std::lround(layout.plot.height()))), style.scale},
                     scale_);
  }

  const PixelRect plot = layout.plot;
  std::vector<DivergenceLabel> divergences;  // drawn last, clear of the legend
  dl.PushClipRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), true);
  if (surface) {
    draw_heatmap(dl, texture_id(surface_->texture()), plot, style);
    const CoordinateNames names = coordinate_names(f);
    draw_surface_overlay(dl, scene, plot, surface_runs, style, names.x, names.y);
  } else {
    draw_heatmap(dl, texture_id(heatmap_->texture()), plot, style);
    draw_minima(dl, transform, f, style, false);
    Polylines scratch;
    // As the window draws them: up to the step, and each path's rest faint beyond it.
    if (paths)
      draw_trajectories(dl, transform, {&scenario, &runs, step, std::nullopt, true, &divergences}, style, scratch);
    draw_start_handle(dl, transform.to_pixels(scenario.start), false, style);
  }
  // The legend on the question slide too (the class must know which runs it is asked about), in
  // the corner the paths cross least.
  // Each run's parameters under its name, unless that legend would cover more than a seventh of the canvas.
  const ImVec2 full = legend_size(scenario, runs, style, true);
  const bool parameters = full.x * full.y <= 0.15f * plot.width() * plot.height();
  const ImVec2 legend = legend_size(scenario, runs, style, parameters);
  std::vector<Point2> points;
  if (!surface) {
    for (std::size_t i = 0; i < runs.size() && i < scenario.runs.size(); ++i) {
      if (!scenario.runs[i].visible) continue;
      const std::vector<Vec2>& path = runs[i].position;
      const std::size_t stride = std::max<std::size_t>(1, path.size() / 2000);
      for (std::size_t k = 0; k < path.size(); k += stride) points.push_back(transform.to_pixels(path[k]));
    }
    // A divergence label and a minimum weigh as much as a stretch of path: the legend keeps clear.
    for (const DivergenceLabel& d : divergences) points.insert(points.end(), 200, d.at);
    for (const Vec2& m : f.minima()) points.insert(points.end(), 200, transform.to_pixels(m));
  }
  const PixelRect corner = surface ? PixelRect{plot.x1 - 8 * style.scale - legend.x, plot.y0 + 8 * style.scale,
                                               plot.x1 - 8 * style.scale, plot.y0 + 8 * style.scale + legend.y}
                                   : least_covered_corner(plot, legend.x, legend.y, 8 * style.scale, points,
                                                          transform.to_pixels(scenario.start));
  draw_legend(dl, {corner.x1, corner.y0}, scenario, runs, style, parameters);
  for (const DivergenceLabel& d : divergences) draw_divergence_label(dl, transform, d, style);
  dl.PopClipRect();
  if (!surface) draw_axes(dl, transform, style, AxisPlacement::outside);

  const std::string formula = (f.is_data() ? "L(w, b) = " : "f(x, y) = ") + std::string(f.formula());
  long last = 0;
  for (const Trajectory& t : runs) last = std::max(last, static_cast<long>(t.rows()) - 1);
  const std::string steps = "step " + std::to_string(std::clamp(step, 0L, last)) + " of " + std::to_string(last);
  const ImVec2 steps_size = text_size(style, steps);
  if (alone) {
    std::string title = f.title();
    if (!scenario.title.empty()) title = scenario.title + "  —  " + title;
    dl.AddText(style.font, fs * 1.2f, ImVec2(layout.title.x, layout.title.y), style.text, title.c_str());
    dl.AddText(style.font, fs * 0.9f, ImVec2(layout.title.x, layout.title.y + fs * 1.45f), style.text, formula.c_str());
    dl.AddText(style.font, fs, ImVec2(plot.x1 - steps_size.x, layout.title.y + fs * 1.45f), style.text, steps.c_str());
  } else {
    // One line: the function's name and formula, cut before the step count.
    const float room = plot.x1 - steps_size.x - fs - layout.title.x;
    const std::string line = elided(style, std::string(f.title()) + ":  " + formula, room);
    dl.AddText(style.font, fs, ImVec2(layout.title.x, layout.title.y), style.text, line.c_str());
    dl.AddText(style.font, fs, ImVec2(plot.x1 - steps_size.x, layout.title.y), style.text, steps.c_str());
  }
  const std::string bar_title = colour_bar_title(scale_);
  // Right-aligned to the area's edge when it is wider than the bar's column: never cut.
  const float bar_title_x = std::min(layout.bar.x0, area.x1 - text_size(style, bar_title).x - 4 * style.scale);
  dl.AddText(style.font, fs, ImVec2(bar_title_x, plot.y0), style.text, bar_title.c_str());
  if (const std::string minimum = colour_bar_minimum(scale_); !minimum.empty()) {
    const float x = std::min(layout.bar.x0, area.x1 - text_size(style, minimum).x * 0.85f - 4 * style.scale);
    dl.AddText(style.font, fs * 0.85f, ImVec2(x, plot.y0 + fs * 1.15f), style.text, minimum.c_str());
  }
  draw_colour_bar(dl, layout.bar, scale_, style);
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
               scenario.lesson.chapter.c_str());
  const std::string title = wrap_at_spaces(large, fs * kSlideTitleScale, layout.title.width(),
                                           figure_title(scenario, request.composition));
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
    if (kinds[i] == LessonPlot::data && scenario.objective.is_data()) {
      std::vector<DataModelLine> models;
      for (std::size_t k = 0; k < scenario.runs.size() && k < runs.size(); ++k)
        if (scenario.runs[k].visible)
          if (const auto theta = parameters_at(runs[k], request.step))
            models.push_back({*theta, {run_colour(scenario.runs[k].colour), 2.4f * canvas.scale, false}});
      draw_data(*ImGui::GetWindowDrawList(), ImVec2(r.x0, r.y0), ImVec2(r.width(), r.height()),
                *scenario.objective.data(), scenario.objective.loss(), models, canvas.scale);
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
  ImGuiIO& io = ImGui::GetIO();
  const Theme theme = request.dark ? Theme::dark : Theme::light;
  const float w = static_cast<float>(width), h = static_cast<float>(height);

  std::optional<SlideLayout> slide;
  float fs = figure_font_size(width, height);
  if (request.composition != FigureComposition::canvas) {
    ImFont* font = io.Fonts->Fonts[0];
    const std::string title = figure_title(scenario, request.composition);
    const std::string body = slide_text(scenario, request.composition);
    const SlideContent content{
        !scenario.lesson.chapter.empty(),
        [&](float wrap, float size) { return wrapped_height(font, size, wrap, title); },
        [&](float wrap, float size) { return wrapped_height(font, size, wrap, body); },
        slide_plots(scenario, request.composition).size()};
    slide = slide_layout(w, h, content);
    fs = std::round(slide->font_size * 0.8f);  // the canvas's and the plots' labels
  }
  use_font_size(slide ? slide->font_size : fs);
  apply_theme(theme, ui_metrics(fs / kBaseFontSize));
  io.DisplaySize = ImVec2(w, h);
  io.DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const CanvasStyle style = canvas_style(theme, fs / kBaseFontSize, io.Fonts->Fonts[0], fs);
  dl.AddRectFilled(ImVec2(0, 0), io.DisplaySize, style.background);
  if (slide)
    draw_slide(dl, scenario, runs, {request.step, width, height, request.composition, request.dark}, *slide);
  else
    draw_canvas(dl, {0, 0, w, h}, scenario, runs, request.step, style, true, true);
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
