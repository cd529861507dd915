#include "explain_draw.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "canvas_draw.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

ImU32 with_alpha(ImU32 c, int alpha) {
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

ImU32 arrow_colour(ArrowUnits units, const ExplainStyle& s) {
  switch (units) {
    case ArrowUnits::gradient:
      return explain_gradient_colour(s.light);
    case ArrowUnits::scaled:
      return s.light ? IM_COL32(25, 95, 200, 255) : IM_COL32(110, 185, 255, 255);
    case ArrowUnits::step:
      return s.light ? IM_COL32(0, 135, 70, 255) : IM_COL32(70, 215, 130, 255);
  }
  return s.canvas.box_text;
}

// The run's colour for text: darkened on the light theme's white, where the palette's light
// colours (sky blue, orange) are too pale to read.
ImU32 title_colour(const ExplainStyle& s) {
  if (!s.light) return s.run;
  const auto channel = [&](int shift) { return static_cast<int>(((s.run >> shift) & 0xFFu) * 55u / 100u); };
  return IM_COL32(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT), 255);
}

ImU32 side_colour(const ExplainStyle& s) { return s.light ? IM_COL32(160, 110, 0, 255) : IM_COL32(255, 215, 80, 255); }
ImU32 grid_colour(const ExplainStyle& s) { return s.light ? IM_COL32(0, 0, 0, 45) : IM_COL32(255, 255, 255, 45); }
ImU32 faint_text(const ExplainStyle& s) { return s.light ? IM_COL32(80, 80, 80, 255) : IM_COL32(175, 175, 180, 255); }

ImFont* font_or(ImFont* font, const CanvasStyle& s) {
  if (font != nullptr) return font;
  return s.font != nullptr ? s.font : ImGui::GetFont();
}

struct Text {
  ImFont* font;
  float size;
};

float width_of(Text t, std::string_view text) {
  return t.font->CalcTextSizeA(t.size, 1e9f, 0, text.data(), text.data() + text.size()).x;
}

// `text` in lines of at most `wrap` pixels (0: one line), broken as wrap_at_spaces breaks them:
// at spaces (and between Chinese characters), not after '.' and ',' as ImGui's own wrapping does,
// which would split the numbers; the no-break spaces inside "(x, y)" keep a pair on one line. A
// statement's lines ("s ← G\nd ← √s + ε") each wrap on their own.
std::vector<std::string> lines_of(Text t, std::string_view text, float wrap) {
  const std::string wrapped = wrap > 0 ? wrap_at_spaces(t.font, t.size, wrap, text) : std::string(text);
  std::vector<std::string> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = wrapped.find('\n', start);
    lines.push_back(wrapped.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

ImVec2 measure(Text t, std::string_view text, float wrap = 0) {
  float w = 0;
  const std::vector<std::string> lines = lines_of(t, text, wrap);
  for (const std::string& line : lines) w = std::max(w, width_of(t, line));
  return {w, static_cast<float>(lines.size()) * t.size};
}

// Draws `text` wrapped at `wrap` pixels from `at`; returns the height it took.
float put(ImDrawList& dl, Text t, ImVec2 at, ImU32 colour, std::string_view text, float wrap = 0) {
  const std::vector<std::string> lines = lines_of(t, text, wrap);
  for (std::size_t i = 0; i < lines.size(); ++i)
    dl.AddText(t.font, t.size, ImVec2(at.x, at.y + static_cast<float>(i) * t.size), colour, lines[i].c_str());
  return static_cast<float>(lines.size()) * t.size;
}

bool finite(Vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }
// An arrow as drawn: a network parameter's (one coordinate, explain.hpp) along the horizontal axis.
Vec2 drawn(const Explanation& e, Vec2 v) { return e.coordinates == 1 ? Vec2{v.x, 0} : v; }
// A value as written: one number for one coordinate.
std::string value_text(const Explanation& e, Vec2 v) {
  return e.coordinates == 1 ? explain_number(v.x) : explain_pair(v);
}
double length(Vec2 v) { return std::hypot(v.x, v.y); }

// The longest arrow of each kind in the whole explanation: one scale per kind for every sub-step,
// so that an arrow's length compares across the sub-steps.
struct ArrowScales {
  double longest[3] = {0, 0, 0};
  double of(ArrowUnits u) const { return longest[static_cast<int>(u)]; }
};

ArrowScales arrow_scales(const Explanation& e) {
  ArrowScales s;
  for (const ExplainPart& p : e.parts)
    for (const ExplainArrow& a : p.arrows)
      if (finite(a.vector)) {
        double& l = s.longest[static_cast<int>(a.units)];
        l = std::max(l, length(drawn(e, a.vector)));
      }
  return s;
}

// The largest side any square of the explanation needs (beside-squares count side by side).
double largest_side(const Explanation& e) {
  double side = 0;
  const auto consider = [&](double value) {
    if (std::isfinite(value) && value > 0) side = std::max(side, std::sqrt(value));
  };
  for (const ExplainPart& p : e.parts) {
    if (!p.squares) continue;
    const ExplainSquares& q = *p.squares;
    for (const double v : {q.kept.x, q.kept.y, q.after.x, q.after.y}) consider(v);
    if (q.after == q.kept) {
      consider(std::pow(std::sqrt(std::max(0.0, q.kept.x)) + std::sqrt(std::max(0.0, q.added.x)), 2));
      consider(std::pow(std::sqrt(std::max(0.0, q.kept.y)) + std::sqrt(std::max(0.0, q.added.y)), 2));
    }
  }
  return side;
}

void arrow(ImDrawList& dl, ImVec2 from, ImVec2 tip, ImU32 colour, float width, float head) {
  const float dx = tip.x - from.x, dy = tip.y - from.y;
  const float n = std::hypot(dx, dy);
  if (!(n > 0.5f)) return;
  const ImVec2 dir(dx / n, dy / n);
  head = std::min(head, n);
  const ImVec2 base(tip.x - dir.x * head, tip.y - dir.y * head);
  const ImVec2 normal(-dir.y, dir.x);
  dl.AddLine(from, base, colour, width);
  dl.AddTriangleFilled(tip, ImVec2(base.x + normal.x * head * 0.55f, base.y + normal.y * head * 0.55f),
                       ImVec2(base.x - normal.x * head * 0.55f, base.y - normal.y * head * 0.55f), colour);
}

// The arrows of the sub-step around the point at the centre of `r`.
void draw_arrows(ImDrawList& dl, PixelRect r, const Explanation& e, const ExplainPart& part, const ExplainStyle& s,
                 Text label_font) {
  const ArrowScales scales = arrow_scales(e);
  const float scale = s.canvas.scale;
  const ImVec2 c((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
  const float radius = std::min(r.width(), r.height()) / 2 - 4 * scale;  // clear of the buttons below
  dl.AddCircle(c, radius, grid_colour(s), 64, 1.5f * scale);
  dl.AddLine(ImVec2(c.x - radius, c.y), ImVec2(c.x + radius, c.y), grid_colour(s), scale);
  dl.AddLine(ImVec2(c.x, c.y - radius), ImVec2(c.x, c.y + radius), grid_colour(s), scale);
  const float reach = radius * 0.72f;
  std::vector<PixelRect> labels;
  // Faint arrows first, under the others.
  for (const bool faint : {true, false})
    for (const ExplainArrow& a : part.arrows) {
      if (a.faint != faint || !finite(a.vector)) continue;
      const double longest = scales.of(a.units);
      const Vec2 v = drawn(e, a.vector);
      const double n = length(v);
      if (longest <= 0 || n <= 0) continue;
      const auto l = std::max(static_cast<float>(n / longest) * reach, 8 * scale);
      const ImVec2 dir(static_cast<float>(v.x / n), static_cast<float>(-v.y / n));
      const ImVec2 tip(c.x + dir.x * l, c.y + dir.y * l);
      const ImU32 colour = faint ? with_alpha(arrow_colour(a.units, s), 120) : arrow_colour(a.units, s);
      arrow(dl, c, tip, colour, (faint ? 2.5f : 4.0f) * scale, 14 * scale);
      const ImVec2 size = measure(label_font, a.label);
      ImVec2 at(tip.x + dir.x * 8 * scale - size.x * 0.5f + dir.x * size.x * 0.5f,
                tip.y + dir.y * 8 * scale - size.y * 0.5f + dir.y * size.y * 0.5f);
      at.x = std::clamp(at.x, r.x0, std::max(r.x0, r.x1 - size.x));
      at.y = std::clamp(at.y, r.y0, std::max(r.y0, r.y1 - size.y));
      for (bool moved = true; moved;) {
        moved = false;
        for (const PixelRect& p : labels)
          if (at.x < p.x1 && at.x + size.x > p.x0 && at.y < p.y1 && at.y + size.y > p.y0) {
            at.y = p.y1 + 1;
            moved = true;
          }
      }
      labels.push_back({at.x, at.y, at.x + size.x, at.y + size.y});
      put(dl, label_font, at, colour, a.label);
    }
  dl.AddCircleFilled(c, 6 * scale, s.run);
  dl.AddCircle(c, 6 * scale, s.canvas.box_text, 0, 1.5f * scale);
}

std::string coordinate_text(const char* axis, const ExplainSquares& q, double kept, double added, double after,
                            bool beside) {
  // No-break spaces (U+00A0) keep each name with its number when the label wraps.
  const std::string nb = "\u00A0";
  const std::string name = axis + std::string(":") + nb + q.name + nb;
  if (beside) return name + explain_number(kept) + ",  g²" + nb + explain_number(added);
  if (q.side_is_denominator)
    // TRANSLATORS: the side of a square (its length), before a number.
    return name + explain_number(after) + ",  " + tr("side") + nb + explain_number(std::sqrt(after));
  if (added != 0)
    return name + explain_number(kept) + nb + "+" + nb + explain_number(added) + " = " + explain_number(after);
  return name + explain_number(after);
}

// One coordinate's squares in `r`, bottom-left aligned, `unit` pixels per unit of side.
void draw_coordinate_squares(ImDrawList& dl, PixelRect r, const char* axis, const ExplainSquares& q, double kept,
                             double added, double after, double unit, const ExplainStyle& s, Text text) {
  const float scale = s.canvas.scale;
  const bool beside = q.after == q.kept && (added != 0 || q.added.x != 0 || q.added.y != 0);
  const std::string label = coordinate_text(axis, q, kept, added, after, beside);
  const float label_h = measure(text, label, r.width()).y;
  const float base_y = r.y1 - label_h - 6 * scale;
  const auto side = [&](double v) {
    return std::isfinite(v) && v > 0 ? std::max(1.0f, static_cast<float>(std::sqrt(v) * unit)) : 0.0f;
  };
  const ImU32 fill = explain_accumulator_colour(s.light);
  const ImU32 added_fill = explain_gradient_colour(s.light);
  const ImU32 outline = s.canvas.box_text;
  const float x = r.x0;
  if (beside) {
    const float a = side(kept), b = side(added);
    if (a > 0) {
      dl.AddRectFilled(ImVec2(x, base_y - a), ImVec2(x + a, base_y), fill);
      dl.AddRect(ImVec2(x, base_y - a), ImVec2(x + a, base_y), outline, 0, 0, scale);
    }
    const float bx = x + a + (a > 0 ? 10 * scale : 0);
    if (b > 0) {
      dl.AddRectFilled(ImVec2(bx, base_y - b), ImVec2(bx + b, base_y), added_fill);
      dl.AddRect(ImVec2(bx, base_y - b), ImVec2(bx + b, base_y), outline, 0, 0, scale);
    }
  } else {
    const float whole = side(after), inner = side(std::min(kept, after));
    if (whole > 0) {
      // The new part is the L-shaped band between the kept square and the whole one.
      dl.AddRectFilled(ImVec2(x, base_y - whole), ImVec2(x + whole, base_y), added != 0 ? added_fill : fill);
      if (added != 0 && inner > 0) dl.AddRectFilled(ImVec2(x, base_y - inner), ImVec2(x + inner, base_y), fill);
      dl.AddRect(ImVec2(x, base_y - whole), ImVec2(x + whole, base_y), outline, 0, 0, scale);
      if (q.side_is_denominator) {
        dl.AddLine(ImVec2(x, base_y + 2 * scale), ImVec2(x + whole, base_y + 2 * scale), side_colour(s), 5 * scale);
        dl.AddLine(ImVec2(x + whole + 2 * scale, base_y), ImVec2(x + whole + 2 * scale, base_y - whole), side_colour(s),
                   5 * scale);
      }
    }
  }
  put(dl, text, ImVec2(r.x0, base_y + 8 * scale), beside || added != 0 ? s.canvas.box_text : s.canvas.box_text, label,
      r.width());
}

void draw_squares(ImDrawList& dl, PixelRect r, const Explanation& e, const ExplainSquares& q, const ExplainStyle& s,
                  Text text) {
  const double longest_side = largest_side(e);
  const float gap = 16 * s.canvas.scale;
  const float column = (r.width() - gap) / 2;
  const float label_room = 2.4f * text.size;
  const float room = std::max(1.0f, std::min(column, r.height() - label_room));
  const double unit = longest_side > 0 ? static_cast<double>(room) / longest_side : 0;
  const bool one = e.coordinates == 1;
  draw_coordinate_squares(dl, {r.x0, r.y0, one ? r.x1 : r.x0 + column, r.y1}, one ? "θ" : "x", q, q.kept.x, q.added.x,
                          q.after.x, unit, s, text);
  if (one) return;
  draw_coordinate_squares(dl, {r.x0 + column + gap, r.y0, r.x1, r.y1}, "y", q, q.kept.y, q.added.y, q.after.y, unit, s,
                          text);
}

// The sub-step's numbers as lines "name  (x, y)", for a sub-step without squares.
void draw_values(ImDrawList& dl, PixelRect r, const Explanation& e, const ExplainPart& part, const ExplainStyle& s,
                 Text text) {
  float y = r.y0;
  for (const ExplainValue& v : part.values) {
    const std::string line = v.name + " = " + value_text(e, v.value);
    const float h = measure(text, line, r.width()).y;
    if (y + h > r.y1) break;
    y += put(dl, text, ImVec2(r.x0, y), s.canvas.box_text, line, r.width()) + 4 * s.canvas.scale;
  }
}

}  // namespace

ImU32 explain_accumulator_colour(bool light) {
  return light ? IM_COL32(60, 110, 200, 255) : IM_COL32(70, 130, 220, 255);
}
ImU32 explain_gradient_colour(bool light) { return light ? IM_COL32(210, 70, 20, 255) : IM_COL32(255, 125, 70, 255); }

namespace {

struct Fonts3 {
  Text small, large, mono;
};

Fonts3 fonts_of(const ExplainStyle& s) {
  return {{font_or(nullptr, s.canvas), s.canvas.font_size},
          {font_or(s.large, s.canvas), s.large != nullptr ? s.large_size : s.canvas.font_size * 1.3f},
          {font_or(s.mono, s.canvas), s.canvas.font_size * 1.1f}};
}

constexpr float kPad = 14;  // unscaled pixels around the inset's contents

// The height of the text above the pictures: the header, the dots, the title, the statement and
// the caption of sub-step `part` (or the message), as draw_explanation lays them out.
float text_height(const Explanation& e, std::size_t part, const ExplainStyle& s, float wrap) {
  const float scale = s.canvas.scale;
  const Fonts3 f = fonts_of(s);
  float h = f.small.size + 4 * scale;
  if (part >= e.parts.size()) return h + f.large.size + 8 * scale + measure(f.large, e.message, wrap).y;
  const ExplainPart& p = e.parts[part];
  h += 9 * scale + 8 * scale;
  h += measure(f.large, p.title, wrap).y + 6 * scale;
  if (!p.statement.empty()) h += measure(f.mono, p.statement, wrap - 12 * scale).y + 14 * scale;
  return h + measure(f.large, p.caption, wrap).y + 10 * scale;
}

}  // namespace

float explain_padding(const ExplainStyle& style) { return kPad * style.canvas.scale; }

PixelRect explain_inset(PixelRect plot, Point2 point, const Explanation& e, const ExplainStyle& s, float size_scale,
                        float controls_height, float controls_width) {
  const float margin = 10 * s.canvas.scale;
  const float pad = kPad * s.canvas.scale;
  const float w =
      std::max(1.0f, std::min(plot.width() - 2 * margin,
                              std::max({560 * size_scale, plot.width() * 0.55f, controls_width + 2 * pad})));
  // As tall as the longest text of the sub-steps (the inset keeps its size through them) and
  // pictures of about a fifth of the plot below it.
  float text = 0;
  for (std::size_t i = 0; i < std::max<std::size_t>(e.parts.size(), 1); ++i)
    text = std::max(text, text_height(e, i, s, w - 2 * pad));
  const float pictures = e.parts.empty() ? 0 : std::max(170 * size_scale, 0.22f * plot.height());
  const float h =
      std::max(1.0f, std::min(plot.height() - 2 * margin, 2 * pad + text + pictures + controls_height + pad));
  // The corner farthest outside which the point (and its ring) stays: bottom right, bottom left,
  // top right, top left, the first of the best.
  PixelRect best;
  float best_gap = -1e30f;
  for (const bool top : {false, true})
    for (const bool left : {false, true}) {
      const float x0 = left ? plot.x0 + margin : plot.x1 - margin - w;
      const float y0 = top ? plot.y0 + margin : plot.y1 - margin - h;
      const PixelRect r{x0, y0, x0 + w, y0 + h};
      // How far the point is outside r (negative: how deep inside).
      const float gap = std::max({r.x0 - point.x, point.x - r.x1, r.y0 - point.y, point.y - r.y1});
      if (gap > best_gap + 0.5f) best = r, best_gap = gap;
    }
  return best;
}

namespace {

// The header, the row of dots, the sub-step's title, statement and caption (or the message of an
// update that has none) from the top of `box`; returns the bottom of the text.
float draw_texts(ImDrawList& dl, PixelRect box, const Explanation& e, std::size_t part_index, const ExplainStyle& s) {
  const float scale = s.canvas.scale;
  const float pad = kPad * scale;
  const auto [small, large, mono] = fonts_of(s);
  const float wrap = box.width() - 2 * pad;
  float y = box.y0 + pad;
  const bool has_parts = part_index < e.parts.size();
  const std::string header =
      has_parts ? tr_format("Update {0} of {1}: step {2} → {3}",
                            {std::to_string(e.update), e.optimizer, std::to_string(e.step), std::to_string(e.step + 1)})
                : tr_format("{0} at step {1}", {e.optimizer, std::to_string(e.step)});
  const std::string counter =
      has_parts ? std::to_string(part_index + 1) + " / " + std::to_string(e.parts.size()) : std::string();
  const float counter_w = measure(small, counter).x;
  put(dl, small, ImVec2(box.x0 + pad, y), faint_text(s), elided(s.canvas, header, wrap - counter_w - pad));
  put(dl, small, ImVec2(box.x1 - pad - counter_w, y), faint_text(s), counter);
  y += small.size + 4 * scale;
  if (!has_parts) {
    y += put(dl, large, ImVec2(box.x0 + pad, y), title_colour(s), tr("No next update"), wrap) + 8 * scale;
    return y + put(dl, large, ImVec2(box.x0 + pad, y), s.canvas.box_text, e.message, wrap);
  }
  // The sub-steps as a row of dots, the current one filled.
  const float r = 4.5f * scale;
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    const ImVec2 c(box.x0 + pad + r + static_cast<float>(i) * 4 * r, y + r);
    if (i == part_index)
      dl.AddCircleFilled(c, r, s.run);
    else
      dl.AddCircle(c, r, faint_text(s), 0, 1.5f * scale);
  }
  y += 2 * r + 8 * scale;
  const ExplainPart& part = e.parts[part_index];
  y += put(dl, large, ImVec2(box.x0 + pad, y), title_colour(s), part.title, wrap) + 6 * scale;
  if (!part.statement.empty()) {
    const float h = measure(mono, part.statement, wrap - 12 * scale).y;
    dl.AddRectFilled(ImVec2(box.x0 + pad, y), ImVec2(box.x1 - pad, y + h + 8 * scale), grid_colour(s), 4 * scale);
    put(dl, mono, ImVec2(box.x0 + pad + 6 * scale, y + 4 * scale), s.canvas.box_text, part.statement,
        wrap - 12 * scale);
    y += h + 14 * scale;
  }
  return y + put(dl, large, ImVec2(box.x0 + pad, y), s.canvas.box_text, part.caption, wrap);
}

// The sub-step's pictures in `area`: its arrows (left), its squares or values (right).
void draw_pictures(ImDrawList& dl, PixelRect area, const Explanation& e, const ExplainPart& part,
                   const ExplainStyle& s) {
  const float scale = s.canvas.scale;
  const auto [small, large, mono] = fonts_of(s);
  if (area.height() < 40 * scale) return;  // no room for the pictures: the text says it all
  PixelRect right = area;
  if (!part.arrows.empty() && std::min(area.width() * 0.42f, area.height()) >= 110 * scale) {
    const std::string note = tr("each kind of arrow to its own scale");
    // The note under the diagram when it takes at most two lines there (else the diagram alone).
    const float side0 = std::min(area.width() * 0.42f, area.height() - 2 * small.size);
    const bool with_note = measure(small, note, side0).y <= 2 * small.size;
    const float side = with_note ? side0 : std::min(area.width() * 0.42f, area.height());
    const PixelRect diagram{area.x0, area.y0, area.x0 + side, area.y0 + side};
    draw_arrows(dl, diagram, e, part, s, large);
    if (with_note) put(dl, small, ImVec2(area.x0, diagram.y1 + 2 * scale), faint_text(s), note, side);
    right.x0 = diagram.x1 + 24 * scale;
  }
  if (right.width() < 60 * scale) return;
  if (part.squares)
    draw_squares(dl, right, e, *part.squares, s, small);
  else
    draw_values(dl, right, e, part, s, Text{mono.font, s.canvas.font_size});
}

}  // namespace

float draw_explanation(ImDrawList& dl, PixelRect box, const Explanation& e, std::size_t part_index,
                       const ExplainStyle& s, float controls_height) {
  const float scale = s.canvas.scale;
  const float pad = kPad * scale;
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), with_alpha(s.canvas.box, 242), 8 * scale);
  dl.AddRect(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.run, 8 * scale, 0, 2 * scale);
  // Nothing reaches the buttons' row: a text too long for the inset is cut above it.
  const float bottom = box.y1 - controls_height - pad;
  dl.PushClipRect(ImVec2(box.x0, box.y0), ImVec2(box.x1, std::max(box.y0, bottom + 0.5f * pad)), true);
  const float text_end = draw_texts(dl, box, e, part_index, s);
  if (part_index < e.parts.size())
    draw_pictures(dl, {box.x0 + pad, text_end + 10 * scale, box.x1 - pad, bottom}, e, e.parts[part_index], s);
  dl.PopClipRect();
  return text_end;
}

}  // namespace optviz::gui
