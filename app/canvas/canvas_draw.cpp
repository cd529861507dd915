#include "canvas_draw.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "colour_map.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {
namespace {

ImFont* font_of(const CanvasStyle& s) { return s.font != nullptr ? s.font : ImGui::GetFont(); }

ImU32 to_u32(const Colour& c) {
  return IM_COL32(static_cast<int>(c.r * 255 + 0.5f), static_cast<int>(c.g * 255 + 0.5f),
                  static_cast<int>(c.b * 255 + 0.5f), 255);
}

bool finite(Point2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// An arrow from `from` along the unit direction `dir` for `length` pixels, outlined, its label
// beyond the tip moved down past the labels already placed.
void draw_arrow(ImDrawList& dl, ImVec2 from, ImVec2 dir, float length, ImU32 colour, const CanvasStyle& s,
                std::string_view label, std::vector<PixelRect>& placed) {
  const float w = 2.5f * s.scale;
  const float head = 9 * s.scale;
  const ImVec2 tip(from.x + dir.x * length, from.y + dir.y * length);
  const ImVec2 base(tip.x - dir.x * head, tip.y - dir.y * head);
  const ImVec2 normal(-dir.y, dir.x);
  const ImVec2 left(base.x + normal.x * head * 0.55f, base.y + normal.y * head * 0.55f);
  const ImVec2 right(base.x - normal.x * head * 0.55f, base.y - normal.y * head * 0.55f);
  dl.AddLine(from, base, s.shadow, w + 2 * s.scale);
  dl.AddTriangleFilled(tip, left, right, s.shadow);
  dl.AddLine(from, base, colour, w);
  dl.AddTriangleFilled(ImVec2(tip.x - dir.x * s.scale, tip.y - dir.y * s.scale), left, right, colour);
  const ImVec2 size = text_size(s, label);
  ImVec2 at(tip.x + dir.x * 6 * s.scale - size.x * 0.5f + dir.x * size.x * 0.5f,
            tip.y + dir.y * 6 * s.scale - size.y * 0.5f + dir.y * size.y * 0.5f);
  for (bool moved = true; moved;) {
    moved = false;
    for (const PixelRect& r : placed) {
      if (at.x < r.x1 && at.x + size.x > r.x0 && at.y < r.y1 && at.y + size.y > r.y0) {
        at.y = r.y1 + 1;
        moved = true;
      }
    }
  }
  placed.push_back({at.x, at.y, at.x + size.x, at.y + size.y});
  draw_text_shadowed(dl, s, at, colour, label);
}

// The unit vector of a world direction on screen (y flipped), or nullopt when it has none.
std::optional<ImVec2> screen_direction(Vec2 d) {
  const double n = std::hypot(d.x, d.y);
  if (!std::isfinite(n) || n == 0) return std::nullopt;
  return ImVec2(static_cast<float>(d.x / n), static_cast<float>(-d.y / n));
}

}  // namespace

ImVec2 text_size(const CanvasStyle& s, std::string_view text) {
  return font_of(s)->CalcTextSizeA(s.font_size, 1e9f, 0, text.data(), text.data() + text.size());
}

void draw_text_shadowed(ImDrawList& dl, const CanvasStyle& s, ImVec2 pos, ImU32 colour, std::string_view text) {
  ImFont* font = font_of(s);
  const float o = std::max(1.0f, std::round(s.scale));
  for (const ImVec2 d : {ImVec2(o, o), ImVec2(-o, o), ImVec2(o, -o), ImVec2(-o, -o)})
    dl.AddText(font, s.font_size, ImVec2(pos.x + d.x, pos.y + d.y), s.shadow, text.data(), text.data() + text.size());
  dl.AddText(font, s.font_size, pos, colour, text.data(), text.data() + text.size());
}

void draw_heatmap(ImDrawList& dl, void* texture, PixelRect r, const CanvasStyle& s) {
  if (texture == nullptr) {
    dl.AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), s.background);
    return;
  }
  dl.AddImage(texture, ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), ImVec2(0, 1), ImVec2(1, 0));
}

std::string wrap_at_spaces(ImFont* font, float size, float width, std::string_view text) {
  const auto measure = [&](std::string_view piece) {
    return font->CalcTextSizeA(size, 1e9f, 0, piece.data(), piece.data() + piece.size()).x;
  };
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view paragraph = text.substr(start, end - start);
    std::string line;
    std::size_t at = 0;
    while (at < paragraph.size()) {
      const std::size_t space = std::min(paragraph.find(' ', at), paragraph.size());
      const std::string_view word = paragraph.substr(at, space - at);
      const std::string longer = line.empty() ? std::string(word) : line + " " + std::string(word);
      if (!line.empty() && measure(longer) > width) {
        out += line + "\n";
        line = std::string(word);
      } else {
        line = longer;
      }
      at = space + 1;
    }
    out += line;
    if (end == text.size()) break;
    out += "\n";
    start = end + 1;
  }
  return out;
}

std::string elided(const CanvasStyle& s, std::string_view text, float width) {
  if (text_size(s, text).x <= width) return std::string(text);
  // Cut at character boundaries (UTF-8 continuation bytes are 10xxxxxx) until text + "…" fits.
  std::string cut(text);
  while (!cut.empty()) {
    do {
      cut.pop_back();
    } while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) cut.pop_back();
    if (text_size(s, cut + "…").x <= width) return cut + "…";
  }
  return {};
}

void draw_axes(ImDrawList& dl, const CanvasTransform& t, const CanvasStyle& s, AxisPlacement placement,
               std::string_view x_name, std::string_view y_name, std::optional<AxisLabelStrips> strips) {
  const PixelRect r = t.rect();
  const Box shown = t.shown();
  const bool inside = placement == AxisPlacement::inside;
  const float tick = 6 * s.scale;
  const float gap = 4 * s.scale;
  const ImU32 colour = inside ? s.text_on_heatmap : s.axis;
  const ImU32 label_colour = inside ? s.text_on_heatmap : s.text;
  auto label = [&](ImVec2 at, const std::string& text) {
    if (inside) {
      draw_text_shadowed(dl, s, at, label_colour, text);
    } else {
      dl.AddText(font_of(s), s.font_size, at, label_colour, text.c_str());
    }
  };
  const int x_ticks = std::max(2, static_cast<int>(r.width() / (90 * s.scale)));
  for (const Tick& k : axis_ticks({shown.min.x, shown.max.x, false}, x_ticks)) {
    const float x = t.to_pixels({k.value, shown.min.y}).x;
    if (x < r.x0 + 2 || x > r.x1 - 2) continue;
    const ImVec2 size = text_size(s, k.label);
    if (inside) {
      dl.AddLine(ImVec2(x, r.y1), ImVec2(x, r.y1 - tick), s.shadow, 3 * s.scale);
      dl.AddLine(ImVec2(x, r.y1), ImVec2(x, r.y1 - tick), colour, 1.5f * s.scale);
      // Clear of the y labels at the left and of the coordinate's name at the right.
      if (x - size.x / 2 > r.x0 + 3 * size.y && x + size.x / 2 < r.x1 - text_size(s, x_name).x - 14 * s.scale)
        label(ImVec2(x - size.x / 2, r.y1 - tick - gap - size.y), k.label);
    } else {
      dl.AddLine(ImVec2(x, r.y1), ImVec2(x, r.y1 + tick), colour, 1.5f * s.scale);
      if (!strips || (x - size.x / 2 >= strips->x.x0 && x + size.x / 2 <= strips->x.x1))
        label(ImVec2(x - size.x / 2, r.y1 + tick + gap), k.label);
    }
  }
  const int y_ticks = std::max(2, static_cast<int>(r.height() / (70 * s.scale)));
  for (const Tick& k : axis_ticks({shown.min.y, shown.max.y, false}, y_ticks)) {
    const float y = t.to_pixels({shown.min.x, k.value}).y;
    if (y < r.y0 + 2 || y > r.y1 - 2) continue;
    const ImVec2 size = text_size(s, k.label);
    if (inside) {
      dl.AddLine(ImVec2(r.x0, y), ImVec2(r.x0 + tick, y), s.shadow, 3 * s.scale);
      dl.AddLine(ImVec2(r.x0, y), ImVec2(r.x0 + tick, y), colour, 1.5f * s.scale);
      // Clear of the coordinate's name and the title at the top, and of the x labels at the bottom.
      if (y + size.y / 2 < r.y1 - 2 * size.y && y - size.y / 2 > r.y0 + 1.8f * size.y)
        label(ImVec2(r.x0 + tick + gap, y - size.y / 2), k.label);
    } else {
      dl.AddLine(ImVec2(r.x0, y), ImVec2(r.x0 - tick, y), colour, 1.5f * s.scale);
      const float x0 = r.x0 - tick - gap - size.x;
      if (!strips || (x0 >= strips->y.x0 && y - size.y / 2 >= strips->y.y0 && y + size.y / 2 <= strips->y.y1))
        label(ImVec2(x0, y - size.y / 2), k.label);
    }
  }
  if (inside) {
    draw_text_shadowed(dl, s, ImVec2(r.x1 - text_size(s, x_name).x - 8 * s.scale, r.y1 - tick - gap - s.font_size),
                       label_colour, x_name);
    draw_text_shadowed(dl, s, ImVec2(r.x0 + tick + gap, r.y0 + 4 * s.scale), label_colour, y_name);
  } else {
    dl.AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), s.axis, 0, 0, 1.0f * s.scale);
  }
}

void draw_minimum_star(ImDrawList& dl, ImVec2 c, float r, const CanvasStyle& s) {
  ImVec2 points[10];
  for (int i = 0; i < 10; ++i) {
    const float a = static_cast<float>(i) * 3.14159265f / 5 - 3.14159265f / 2;
    const float radius = i % 2 == 0 ? r : r * 0.45f;
    points[i] = ImVec2(c.x + radius * std::cos(a), c.y + radius * std::sin(a));
  }
  dl.AddPolyline(points, 10, s.shadow, ImDrawFlags_Closed, 3 * s.scale);
  for (int i = 0; i < 10; ++i) dl.AddTriangleFilled(c, points[i], points[(i + 1) % 10], IM_COL32(255, 255, 255, 255));
}

void draw_minima(ImDrawList& dl, const CanvasTransform& t, const Objective& f, const CanvasStyle& s,
                 bool found_label) {
  const PixelRect clip = t.rect();
  const float r = 7 * s.scale;
  for (const Vec2& m : f.minima()) {
    const Point2 p = t.to_pixels(m);
    if (!finite(p) || !clip.contains(p)) continue;
    const ImVec2 c = im(p);
    draw_minimum_star(dl, c, r, s);
    // Minima of a typed formula were found by a search, not known: the star says so.
    if (found_label && f.minima_are_found())
      draw_text_shadowed(dl, s, ImVec2(c.x + r + 2 * s.scale, c.y - s.font_size / 2), s.text_on_heatmap, "found");
  }
}

void draw_trajectories(ImDrawList& dl, const CanvasTransform& t, const TrajectoryScene& scene, const CanvasStyle& s,
                       Polylines& scratch) {
  const PixelRect clip = t.rect().expanded(4 * s.scale);
  const auto& runs = *scene.runs;
  const auto& looks = scene.scenario->looks;
  const std::size_t n = std::min(runs.size(), looks.size());
  // The selected run last, on top.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (looks[i].visible && runs[i].rows() > 0 && (!scene.selected || *scene.selected != i)) order.push_back(i);
  if (scene.selected && *scene.selected < n && looks[*scene.selected].visible && runs[*scene.selected].rows() > 0)
    order.push_back(*scene.selected);
  auto last_row = [&](std::size_t i) {
    return std::min<std::size_t>(static_cast<std::size_t>(std::max(scene.step, 0L)), runs[i].rows() - 1);
  };
  // Paths often share a valley: each run drawn later is a little thinner, so the earlier ones
  // still show as coloured borders along it.
  const float rank_step = order.size() > 1 ? std::min(2.5f, 9.0f / static_cast<float>(order.size() - 1)) : 0.0f;
  auto width_of = [&](std::size_t i) {
    const auto at = static_cast<std::size_t>(std::find(order.begin(), order.end(), i) - order.begin());
    const float rank = static_cast<float>(order.size() - 1 - at);
    return (2.5f + rank * rank_step) * s.scale;
  };

  std::vector<ImVec2> points;
  if (scene.ahead) {
    // Dashed, over a translucent outline: visible on any colour of the heatmap, and clearly not
    // yet walked.
    Polylines dashes;
    const ImU32 outline = (s.shadow & ~IM_COL32_A_MASK) | (110u << IM_COL32_A_SHIFT);
    for (const std::size_t i : order) {
      const std::size_t from = last_row(i);
      if (from + 1 >= runs[i].rows()) continue;
      screen_polylines(std::span<const Vec2>(runs[i].position).subspan(from), t, clip, 0.75f, scratch);
      const ImU32 colour = (run_colour(looks[i].colour) & ~IM_COL32_A_MASK) | (190u << IM_COL32_A_SHIFT);
      for (std::size_t p = 0; p < scratch.pieces(); ++p) {
        dashed(scratch.piece(p), 7 * s.scale, 5 * s.scale, dashes);
        for (std::size_t d = 0; d < dashes.pieces(); ++d) {
          const auto dash = dashes.piece(d);
          points.resize(dash.size());
          std::transform(dash.begin(), dash.end(), points.begin(), im);
          dl.AddPolyline(points.data(), static_cast<int>(points.size()), outline, ImDrawFlags_None, 3.5f * s.scale);
          dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, 1.8f * s.scale);
        }
      }
    }
  }

  // Outlines under every path first, then the colours; the current points on top of all.
  // Each run's screen geometry once, drawn twice.
  struct Geometry {
    Polylines pieces;
    std::vector<Point2> joints;
  };
  std::vector<Geometry> geometry(order.size());
  Polylines uncovered;
  CoverageGrid coverage;
  for (std::size_t o = 0; o < order.size(); ++o) {
    const std::size_t i = order[o];
    screen_polylines(std::span<const Vec2>(runs[i].position).first(last_row(i) + 1), t, clip, 0.75f, scratch);
    drop_covered_segments(scratch, clip, 2.0f * s.scale, coverage, uncovered);
    split_at_sharp_turns(uncovered, 0.3f, geometry[o].pieces, geometry[o].joints);
  }
  for (const bool outline : {true, false}) {
    for (std::size_t o = 0; o < order.size(); ++o) {
      const std::size_t i = order[o];
      const float width = width_of(i) + (outline ? 2.5f * s.scale : 0.0f);
      const ImU32 colour = outline ? s.shadow : run_colour(looks[i].colour);
      const Polylines& pieces = geometry[o].pieces;
      for (std::size_t p = 0; p < pieces.pieces(); ++p) {
        const auto piece = pieces.piece(p);
        points.resize(piece.size());
        std::transform(piece.begin(), piece.end(), points.begin(), im);
        dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, width);
      }
      for (const Point2 j : geometry[o].joints) dl.AddCircleFilled(im(j), width * 0.5f, colour, 8);
    }
  }

  for (const std::size_t i : order) {
    const Trajectory& run = runs[i];
    const std::size_t last = last_row(i);
    const ImU32 colour = run_colour(looks[i].colour);
    const bool diverged_here = run.diverged_at && static_cast<long>(last) >= *run.diverged_at;
    const std::size_t shown = diverged_here && last > 0 ? last - 1 : last;
    Point2 p = t.to_pixels(run.position[shown]);
    if (!finite(p)) continue;
    const PixelRect inner = t.rect().expanded(-10 * s.scale);
    p = {std::clamp(p.x, inner.x0, std::max(inner.x0, inner.x1)),
         std::clamp(p.y, inner.y0, std::max(inner.y0, inner.y1))};
    const float r = (scene.selected && *scene.selected == i ? 7.0f : 6.0f) * s.scale;
    if (diverged_here) {
      const float a = r * 1.2f;
      for (const ImU32 c : {s.shadow, colour}) {
        const float w = c == s.shadow ? 5.5f * s.scale : 3 * s.scale;
        dl.AddLine(ImVec2(p.x - a, p.y - a), ImVec2(p.x + a, p.y + a), c, w);
        dl.AddLine(ImVec2(p.x - a, p.y + a), ImVec2(p.x + a, p.y - a), c, w);
      }
      const DivergenceLabel label{p, colour, run.status()};
      if (scene.labels != nullptr) {
        scene.labels->push_back(label);
      } else {
        draw_divergence_label(dl, t, label, s);
      }
    } else {
      dl.AddCircleFilled(im(p), r + 2 * s.scale, s.shadow);
      dl.AddCircleFilled(im(p), r, colour);
    }
  }
}

void draw_spread(ImDrawList& dl, const CanvasTransform& t, const Scenario& scenario, const Spread& spread, long step,
                 const CanvasStyle& s, Polylines& scratch) {
  if (spread.runs.size() != scenario.course.runs.size()) return;
  const PixelRect clip = t.rect().expanded(4 * s.scale);
  std::vector<ImVec2> points;
  auto draw_pieces = [&](const Polylines& lines, ImU32 colour, float width) {
    for (std::size_t p = 0; p < lines.pieces(); ++p) {
      const auto piece = lines.piece(p);
      points.resize(piece.size());
      std::transform(piece.begin(), piece.end(), points.begin(), im);
      dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, width);
    }
  };
  auto up_to_step = [&](const Trajectory& run) {
    const auto rows = std::min<std::size_t>(static_cast<std::size_t>(std::max(step, 0L)) + 1, run.rows());
    return std::span<const Vec2>(run.position).first(rows);
  };
  Polylines dashes;
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const RunSpec& spec = scenario.course.runs[i];
    const SpreadRun& run = spread.runs[i];
    if (!scenario.looks[i].visible) continue;
    const ImU32 colour = run_colour(scenario.looks[i].colour);
    if (run.reference.rows() > 0) {
      screen_polylines(up_to_step(run.reference), t, clip, 0.75f, scratch);
      dashes.clear();
      Polylines piece_dashes;
      for (std::size_t p = 0; p < scratch.pieces(); ++p) {
        dashed(scratch.piece(p), 9 * s.scale, 6 * s.scale, piece_dashes);
        for (std::size_t d = 0; d < piece_dashes.pieces(); ++d) {
          dashes.starts.push_back(dashes.points.size());
          const auto dash = piece_dashes.piece(d);
          dashes.points.insert(dashes.points.end(), dash.begin(), dash.end());
        }
      }
      draw_pieces(dashes, s.shadow, 4 * s.scale);
      draw_pieces(dashes, colour, 2 * s.scale);
    }
    for (const Trajectory& seed : run.seeds) {
      if (seed.rows() == 0) continue;
      screen_polylines(up_to_step(seed), t, clip, 0.75f, scratch);
      draw_pieces(scratch, run_colour(scenario.looks[i].colour, 0.6f), 1.5f * s.scale);
    }
    for (const Trajectory& seed : run.seeds) {
      const auto rows = up_to_step(seed);
      if (rows.empty()) continue;
      const Point2 p = t.to_pixels(rows.back());
      if (!finite(p) || !t.rect().contains(p)) continue;
      dl.AddCircleFilled(im(p), 3.5f * s.scale, s.shadow, 10);
      dl.AddCircleFilled(im(p), 2.5f * s.scale, colour, 10);
    }
  }
}

void draw_divergence_label(ImDrawList& dl, const CanvasTransform& t, const DivergenceLabel& label,
                           const CanvasStyle& s) {
  // Beside the cross, on the side towards the middle of the canvas, inside it.
  const PixelRect r = t.rect();
  const ImVec2 size = text_size(s, label.text);
  const float gap = 14 * s.scale;
  const bool left = label.at.x > 0.5f * (r.x0 + r.x1);
  const bool below = label.at.y < 0.5f * (r.y0 + r.y1);
  const float x = std::clamp(left ? label.at.x - gap - size.x : label.at.x + gap, r.x0 + 4 * s.scale,
                             std::max(r.x0 + 4 * s.scale, r.x1 - size.x - 4 * s.scale));
  const float y = std::clamp(below ? label.at.y + gap : label.at.y - gap - size.y, r.y0 + 4 * s.scale,
                             std::max(r.y0 + 4 * s.scale, r.y1 - size.y - 4 * s.scale));
  draw_text_shadowed(dl, s, ImVec2(x, y), label.colour, label.text);
}

void draw_start_handle(ImDrawList& dl, Point2 at, bool active, const CanvasStyle& s) {
  if (!finite(at)) return;
  const float r = (active ? 10.0f : 8.0f) * s.scale;
  const ImVec2 c = im(at);
  dl.AddCircle(c, r, s.shadow, 0, 5 * s.scale);
  dl.AddCircle(c, r, IM_COL32(255, 255, 255, 255), 0, 2.5f * s.scale);
  dl.AddLine(ImVec2(c.x - r * 1.6f, c.y), ImVec2(c.x - r * 0.6f, c.y), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x + r * 0.6f, c.y), ImVec2(c.x + r * 1.6f, c.y), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x, c.y - r * 1.6f), ImVec2(c.x, c.y - r * 0.6f), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x, c.y + r * 0.6f), ImVec2(c.x, c.y + r * 1.6f), IM_COL32(255, 255, 255, 255), 2 * s.scale);
}

void draw_step_arrows(ImDrawList& dl, const CanvasTransform& t, const RunSpec& run, const RunLook& look,
                      const Trajectory& traj, long step,
                      const CanvasStyle& s) {
  if (traj.rows() == 0 || step < 0) return;
  const auto k = static_cast<std::size_t>(std::min<long>(step, static_cast<long>(traj.rows()) - 1));
  const Point2 from = t.to_pixels(traj.position[k]);
  if (!finite(from) || !t.rect().contains(from)) return;
  const float length = 70 * s.scale;
  std::vector<PixelRect> labels;
  if (const auto d = screen_direction(-1.0 * traj.gradient[k]))
    draw_arrow(dl, im(from), *d, length, IM_COL32(255, 255, 255, 255), s, sees_noisy_gradients(run) ? "−g" : "−∇f",
               labels);
  if (!run.rule && k < traj.updates()) {
    if (const auto momentum = momentum_field(run.hyper))
      if (const auto d = screen_direction(-1.0 * (traj.state(k).*momentum->member)))
        draw_arrow(dl, im(from), *d, length * 0.8f, IM_COL32(255, 220, 120, 255), s, "−" + std::string(momentum->name),
                   labels);
  }
  if (k + 1 < traj.rows()) {
    const Point2 to = t.to_pixels(traj.position[k + 1]);
    if (finite(to)) {
      const float dx = to.x - from.x, dy = to.y - from.y;
      const float n = std::hypot(dx, dy);
      if (n > 0 && std::isfinite(n))
        draw_arrow(dl, im(from), ImVec2(dx / n, dy / n), std::clamp(n, 40 * s.scale, 400 * s.scale),
                   run_colour(look.colour), s, "Δθ", labels);
    }
  }
}

std::string colour_bar_title(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::log && scale.low != 0) return "f above min";
  return "f";
}

std::string colour_bar_explanation(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::linear) return "Colours: f on a linear scale";
  if (scale.low == 0) return "Colours: f on a log scale";
  return "Colours: f − " + short_number(scale.low) + " on a log scale, where " + short_number(scale.low) +
         " is f's minimum (or the least f found in its view)";
}

std::string colour_bar_minimum(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::linear || scale.low == 0) return "";
  return "min " + short_number(scale.low);
}

namespace {

// The colour bar's ticks: values of f, or of f - low on a log scale, with their positions.
std::vector<std::pair<double, std::string>> colour_bar_ticks(const HeatmapScale& scale, int max_ticks) {
  std::vector<std::pair<double, std::string>> out;
  const double range = scale.high - scale.low;
  if (scale.kind == ColourScale::log) {
    const AxisRange axis{std::max(scale.offset * 3, range * 1e-300), range, true};
    for (const Tick& k : axis_ticks(axis, max_ticks)) out.emplace_back(scale.position(scale.low + k.value), k.label);
  } else {
    for (const Tick& k : axis_ticks({scale.low, scale.high, false}, max_ticks))
      out.emplace_back(scale.position(k.value), k.label);
  }
  return out;
}

}  // namespace

float colour_bar_label_width(const HeatmapScale& scale, const CanvasStyle& s) {
  float w = 0;
  for (const auto& [position, label] : colour_bar_ticks(scale, 8)) w = std::max(w, text_size(s, label).x);
  return w + 10 * s.scale;
}

void draw_colour_bar(ImDrawList& dl, PixelRect bar, const HeatmapScale& scale, const CanvasStyle& s,
                     std::optional<PixelRect> labels) {
  constexpr int kStrips = 64;
  const float h = bar.height();
  for (int i = 0; i < kStrips; ++i) {
    const float y0 = bar.y1 - h * static_cast<float>(i) / kStrips;
    const float y1 = bar.y1 - h * static_cast<float>(i + 1) / kStrips;
    const ImU32 c0 = to_u32(colour_map(static_cast<double>(i) / kStrips));
    const ImU32 c1 = to_u32(colour_map(static_cast<double>(i + 1) / kStrips));
    dl.AddRectFilledMultiColor(ImVec2(bar.x0, y1), ImVec2(bar.x1, y0 + 0.5f), c1, c1, c0, c0);
  }
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), s.axis, 0, 0, 1.0f * s.scale);
  const int max_ticks = std::max(2, static_cast<int>(h / (s.font_size * 2.2f)));
  for (const auto& [position, label] : colour_bar_ticks(scale, max_ticks)) {
    const float y = bar.y1 - static_cast<float>(position) * h;
    if (!std::isfinite(y)) continue;
    dl.AddLine(ImVec2(bar.x1, y), ImVec2(bar.x1 + 5 * s.scale, y), s.axis, 1.0f * s.scale);
    const float x = bar.x1 + 8 * s.scale;
    if (labels && (x + text_size(s, label).x > labels->x1 || y - s.font_size / 2 < labels->y0 ||
                   y + s.font_size / 2 > labels->y1))
      continue;
    dl.AddText(font_of(s), s.font_size, ImVec2(x, y - s.font_size / 2), s.text, label.c_str());
  }
}

void draw_legend_in(ImDrawList& dl, const CanvasChrome& c, const Scenario& scenario,
                    const std::vector<Trajectory>& runs, const CanvasStyle& s, const std::vector<std::string>& note) {
  const PixelRect box = c.legend;
  if (box.height() <= 0) return;
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.box, 4 * s.scale);
  const float pad = std::round(
      (box.height() - c.line_height * static_cast<float>(c.legend_rows + (c.legend_more ? 1 : 0) + c.note_rows)) / 2);
  const float swatch = kLegendSwatch * s.font_size;
  const float text_x = box.x0 + 2 * pad + swatch;
  float y = box.y0 + pad;
  auto text = [&](float x, const std::string& t) {
    dl.AddText(font_of(s), s.font_size, ImVec2(x, y + (c.line_height - s.font_size) / 2), s.box_text,
               elided(s, t, box.x1 - pad - x).c_str());
    y += c.line_height;
  };
  int shown = 0, hidden = 0;
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const RunSpec& r = scenario.course.runs[i];
    if (!scenario.looks[i].visible) continue;
    if (shown == c.legend_rows) {
      ++hidden;
      continue;
    }
    ++shown;
    const float mid = y + c.line_height / 2;
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + swatch, mid), s.shadow, 6 * s.scale);
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + swatch, mid), run_colour(scenario.looks[i].colour), 3.5f * s.scale);
    const bool diverged = i < runs.size() && runs[i].diverged_at;
    text(text_x, diverged ? scenario.looks[i].label + " (" + runs[i].status() + ")" : scenario.looks[i].label);
  }
  if (c.legend_more && hidden > 0) text(box.x0 + pad, "+" + std::to_string(hidden) + " more");
  for (int i = 0; i < c.note_rows && i < static_cast<int>(note.size()); ++i) text(box.x0 + pad, note[i]);
}

namespace {

struct LegendRow {
  std::string title;
  std::string detail;
  ImU32 colour;
};

// The legend's rows and its size: each visible run's name (its status when it diverged), with its
// parameters under it when asked, and a last line for the note.
struct LegendLayout {
  std::vector<LegendRow> rows;
  float pad, swatch, line_h, row_h, note_size;
  ImVec2 size;
};

LegendLayout legend_layout(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& s,
                           bool parameters, std::string_view note) {
  LegendLayout l;
  l.pad = 8 * s.scale;
  l.swatch = 22 * s.scale;
  l.line_h = s.font_size * 1.3f;
  l.row_h = parameters ? 2 * l.line_h : l.line_h;
  l.note_size = s.font_size * 0.85f;
  float width = 0;
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const RunSpec& r = scenario.course.runs[i];
    if (!scenario.looks[i].visible) continue;
    LegendRow row{scenario.looks[i].label, parameters ? parameter_summary(r) : std::string(), run_colour(scenario.looks[i].colour)};
    if (i < runs.size() && runs[i].diverged_at) row.title += "  (" + runs[i].status() + ")";
    width = std::max({width, text_size(s, row.title).x, text_size(s, row.detail).x});
    l.rows.push_back(std::move(row));
  }
  if (l.rows.empty()) return l;
  const float note_w =
      note.empty() ? 0.0f
                   : font_of(s)->CalcTextSizeA(l.note_size, 1e9f, 0, note.data(), note.data() + note.size()).x;
  const float inner_w = std::max(width + l.swatch + l.pad, note_w);
  l.size = {inner_w + 2 * l.pad,
            2 * l.pad + l.row_h * static_cast<float>(l.rows.size()) + (note.empty() ? 0 : l.line_h)};
  return l;
}

}  // namespace

ImVec2 legend_size(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& s,
                   bool parameters, std::string_view note) {
  return legend_layout(scenario, runs, s, parameters, note).size;
}

PixelRect draw_legend(ImDrawList& dl, Point2 top_right, const Scenario& scenario, const std::vector<Trajectory>& runs,
                      const CanvasStyle& s, bool parameters, std::string_view note) {
  const LegendLayout l = legend_layout(scenario, runs, s, parameters, note);
  if (l.rows.empty()) return {top_right.x, top_right.y, top_right.x, top_right.y};
  const float pad = l.pad, line_h = l.line_h;
  const PixelRect box{top_right.x - l.size.x, top_right.y, top_right.x, top_right.y + l.size.y};
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.box, 4 * s.scale);
  float y = box.y0 + pad;
  for (const LegendRow& row : l.rows) {
    const float mid = y + line_h / 2;
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + l.swatch, mid), s.shadow, 6 * s.scale);
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + l.swatch, mid), row.colour, 3.5f * s.scale);
    const float x = box.x0 + 2 * pad + l.swatch;
    dl.AddText(font_of(s), s.font_size, ImVec2(x, y + (line_h - s.font_size) / 2), s.box_text, row.title.c_str());
    if (parameters)
      dl.AddText(font_of(s), s.font_size * 0.85f, ImVec2(x, y + line_h + (line_h - s.font_size) / 2), s.box_text,
                 row.detail.c_str());
    y += l.row_h;
  }
  if (!note.empty())
    dl.AddText(font_of(s), l.note_size, ImVec2(box.x0 + pad, y + (line_h - l.note_size) / 2), s.box_text, note.data(),
               note.data() + note.size());
  return box;
}

}  // namespace optviz::gui
