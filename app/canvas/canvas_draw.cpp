#include "canvas_draw.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "colour_map.hpp"
#include "label_placement.hpp"
#include "plot_scale.hpp"
#include "translate.hpp"
#include "utf8.hpp"

namespace optviz::gui {
namespace {

// An arrow from `from` along the unit direction `dir` for `length` pixels, outlined, its label
// beyond the tip moved down past the labels already placed.
void draw_arrow(ImDrawList& dl, ImVec2 from, ImVec2 dir, float length, ImU32 colour, const CanvasStyle& s,
                std::string_view label, const PixelRect& bounds, std::vector<PixelRect>& taken) {
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
  // The label beyond the tip, else around it, where it covers no other label, marker or star.
  const ImVec2 size = text_size(s, label);
  const ImVec2 at(tip.x + dir.x * 6 * s.scale - size.x * 0.5f + dir.x * size.x * 0.5f,
                  tip.y + dir.y * 6 * s.scale - size.y * 0.5f + dir.y * size.y * 0.5f);
  std::vector<PixelRect> places{{at.x, at.y, at.x + size.x, at.y + size.y}};
  const float r = 3 * s.scale;
  for (const PixelRect& p : places_around({tip.x - r, tip.y - r, tip.x + r, tip.y + r}, size.x, size.y, r))
    places.push_back(p);
  const PixelRect placed = place_label(places, taken, bounds).value_or(places.front());
  taken.push_back(placed);
  // The shaft, in small boxes, so that a label placed later does not sit on it.
  const float step = 6 * s.scale;
  for (float d = 0; d <= length; d += step) {
    const ImVec2 p(from.x + dir.x * d, from.y + dir.y * d);
    taken.push_back({p.x - w, p.y - w, p.x + w, p.y + w});
  }
  draw_text_shadowed(dl, s, ImVec2(placed.x0, placed.y0), colour, label);
}

// The unit vector of a world direction on screen (y flipped), or nullopt when it has none.
std::optional<ImVec2> screen_direction(Vec2 d) {
  const double n = std::hypot(d.x, d.y);
  if (!std::isfinite(n) || n == 0) return std::nullopt;
  return ImVec2(static_cast<float>(d.x / n), static_cast<float>(-d.y / n));
}

}  // namespace

ImVec2 text_size(const CanvasStyle& s, std::string_view text) {
  return canvas_font(s)->CalcTextSizeA(s.font_size, 1e9f, 0, text.data(), text.data() + text.size());
}

void draw_text_shadowed(ImDrawList& dl, const CanvasStyle& s, ImVec2 pos, ImU32 colour, std::string_view text) {
  ImFont* font = canvas_font(s);
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

namespace {

// A character of the scripts written without spaces (Chinese, Japanese; CJK punctuation and
// full-width forms): a line may break before and after it.
bool breaks_around(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Punctuation that stays with the character before it ("，" starts no line) or after it ("（"
// ends none).
bool closes(char32_t c) {
  return std::u32string_view(U"，。、；：？！）》」』】〉”’…,.;:!?)]}%").find(c) != std::u32string_view::npos;
}
bool opens(char32_t c) { return std::u32string_view(U"（《「『【〈“‘([{").find(c) != std::u32string_view::npos; }

// A word (no spaces) in the pieces a line may break between: itself, unless it has characters of
// breaks_around.
std::vector<std::string_view> word_pieces(std::string_view word) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  char32_t previous = 0;
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t at = i;
    const char32_t c = next_code_point(word, i);
    if (at > start && (breaks_around(previous) || breaks_around(c)) && !closes(c) && !opens(previous)) {
      pieces.push_back(word.substr(start, at - start));
      start = at;
    }
    previous = c;
  }
  pieces.push_back(word.substr(start));
  return pieces;
}

}  // namespace

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
      // The word's pieces: after a space, or (Chinese) right after the piece before.
      const char* separator = " ";
      for (const std::string_view piece : word_pieces(paragraph.substr(at, space - at))) {
        const std::string longer = line.empty() ? std::string(piece) : line + separator + std::string(piece);
        if (!line.empty() && measure(longer) > width) {
          out += line + "\n";
          line = std::string(piece);
        } else {
          line = longer;
        }
        separator = "";
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

namespace {

// The start of the UTF-8 character at or before `at` (continuation bytes are 10xxxxxx).
std::size_t character_start(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

}  // namespace

std::string elided_middle(const CanvasStyle& s, std::string_view text, float width) {
  if (text_size(s, text).x <= width) return std::string(text);
  // The last word whole ("rho=0.999", where runs' names differ) after as much of the start as fits.
  const std::size_t last_word = text.rfind(' ');
  if (last_word != std::string_view::npos && last_word > 0) {
    const std::string tail = "…" + std::string(text.substr(last_word + 1));
    for (std::size_t head = character_start(text, last_word); head > 0; head = character_start(text, head - 1))
      if (text_size(s, std::string(text.substr(0, head)) + tail).x <= width)
        return std::string(text.substr(0, head)) + tail;
  }
  // Else as much of both ends, a little more of the end.
  for (std::size_t kept = text.size(); kept-- > 0;) {
    const std::size_t head = character_start(text, kept / 2);
    const std::size_t tail = character_start(text, text.size() - (kept - kept / 2));
    if (tail < head) continue;
    const std::string cut = std::string(text.substr(0, head)) + "…" + std::string(text.substr(tail));
    if (text_size(s, cut).x <= width) return cut;
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
      dl.AddText(canvas_font(s), s.font_size, at, label_colour, text.c_str());
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

void draw_minima(ImDrawList& dl, const CanvasTransform& t, const Objective& f, const CanvasStyle& s, bool found_label) {
  const PixelRect clip = t.rect();
  const float r = 7 * s.scale;
  for (const Vec2& m : f.minima()) {
    const Point2 p = t.to_pixels(m);
    if (!is_finite(p) || !clip.contains(p)) continue;
    const ImVec2 c = im(p);
    draw_minimum_star(dl, c, r, s);
    // Minima of a typed formula were found by a search, not known: the star says so.
    if (found_label && f.minima_are_found())
      draw_text_shadowed(dl, s, ImVec2(c.x + r + 2 * s.scale, c.y - s.font_size / 2), s.text_on_heatmap, tr("found"));
  }
}

std::vector<PixelRect> minima_marks(const CanvasTransform& t, const Objective& f, const CanvasStyle& s) {
  std::vector<PixelRect> marks;
  const float r = 7 * s.scale;
  for (const Vec2& m : f.minima()) {
    const Point2 p = t.to_pixels(m);
    if (is_finite(p) && t.rect().contains(p)) marks.push_back({p.x - r, p.y - r, p.x + r, p.y + r});
  }
  return marks;
}

void label_found_minima(ImDrawList& dl, const CanvasTransform& t, const Objective& f, const CanvasStyle& s,
                        std::vector<PixelRect>& taken) {
  if (!f.minima_are_found()) return;
  // TRANSLATORS: beside a star on the plot: a minimum found by a search, not known.
  const char* found = tr("found");
  const ImVec2 size = text_size(s, found);
  for (const PixelRect& star : minima_marks(t, f, s)) {
    if (const auto placed = place_label(places_around(star, size.x, size.y, 2 * s.scale), taken, t.rect())) {
      draw_text_shadowed(dl, s, ImVec2(placed->x0, placed->y0), s.text_on_heatmap, found);
      taken.push_back(*placed);
    }
  }
}

void draw_start_handle(ImDrawList& dl, Point2 at, bool active, const CanvasStyle& s) {
  if (!is_finite(at)) return;
  const float r = (active ? 10.0f : 8.0f) * s.scale;
  const ImVec2 c = im(at);
  dl.AddCircle(c, r, s.shadow, 0, 5 * s.scale);
  dl.AddCircle(c, r, IM_COL32(255, 255, 255, 255), 0, 2.5f * s.scale);
  dl.AddLine(ImVec2(c.x - r * 1.6f, c.y), ImVec2(c.x - r * 0.6f, c.y), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x + r * 0.6f, c.y), ImVec2(c.x + r * 1.6f, c.y), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x, c.y - r * 1.6f), ImVec2(c.x, c.y - r * 0.6f), IM_COL32(255, 255, 255, 255), 2 * s.scale);
  dl.AddLine(ImVec2(c.x, c.y + r * 0.6f), ImVec2(c.x, c.y + r * 1.6f), IM_COL32(255, 255, 255, 255), 2 * s.scale);
}

bool gradient_vanished(const Trajectory& traj, std::size_t k) {
  if (k >= traj.rows()) return false;
  double largest = 0;
  for (const Vec2 g : traj.gradient)
    if (std::isfinite(g.x) && std::isfinite(g.y)) largest = std::max(largest, std::hypot(g.x, g.y));
  const double here = std::hypot(traj.gradient[k].x, traj.gradient[k].y);
  return here <= kVanishedGradient * largest;
}

std::string descent_label(const RunSpec& run, const Trajectory& traj, std::size_t k) {
  const std::string g = sees_noisy_gradients(run) ? "g" : "∇f";
  return gradient_vanished(traj, k) ? g + " ≈ 0" : tr_format("−{0} direction", {g});
}

void draw_step_arrows(ImDrawList& dl, const CanvasTransform& t, const RunSpec& run, const RunLook& look,
                      const Trajectory& traj, long step, const CanvasStyle& s, std::vector<PixelRect>& labels) {
  if (traj.rows() == 0 || step < 0) return;
  const auto k = static_cast<std::size_t>(std::min<long>(step, static_cast<long>(traj.rows()) - 1));
  const Point2 from = t.to_pixels(traj.position[k]);
  if (!is_finite(from) || !t.rect().contains(from)) return;
  // The gradient and momentum arrows show directions only, at one length, and say so; a gradient
  // that has all but vanished is a ring, not an arrow.
  const float length = 70 * s.scale;
  const PixelRect bounds = t.rect();
  const std::string gradient = descent_label(run, traj, k);
  if (gradient_vanished(traj, k)) {
    const float r = 7 * s.scale;
    dl.AddCircle(im(from), r, s.shadow, 0, 4 * s.scale);
    dl.AddCircle(im(from), r, IM_COL32(255, 255, 255, 255), 0, 2 * s.scale);
    const ImVec2 size = text_size(s, gradient);
    const PixelRect ring{from.x - r, from.y - r, from.x + r, from.y + r};
    const auto places = places_around(ring, size.x, size.y, 3 * s.scale);
    const PixelRect placed = place_label(places, labels, bounds).value_or(places.front());
    labels.push_back(placed);
    draw_text_shadowed(dl, s, ImVec2(placed.x0, placed.y0), IM_COL32(255, 255, 255, 255), gradient);
  } else if (const auto d = screen_direction(-1.0 * traj.gradient[k])) {
    draw_arrow(dl, im(from), *d, length, IM_COL32(255, 255, 255, 255), s, gradient, bounds, labels);
  }
  if (!run.rule && k < traj.updates()) {
    if (const auto momentum = momentum_field(run.hyper))
      if (const auto d = screen_direction(-1.0 * (traj.state(k).*momentum->member)))
        draw_arrow(dl, im(from), *d, length * 0.8f, IM_COL32(255, 220, 120, 255), s,
                   tr_format("−{0} direction", {momentum->name}), bounds, labels);
  }
  if (k + 1 < traj.rows()) {
    const Point2 to = t.to_pixels(traj.position[k + 1]);
    if (is_finite(to)) {
      const float dx = to.x - from.x, dy = to.y - from.y;
      const float n = std::hypot(dx, dy);
      if (n > 0 && std::isfinite(n))
        draw_arrow(dl, im(from), ImVec2(dx / n, dy / n), std::clamp(n, 40 * s.scale, 400 * s.scale),
                   run_colour(look.colour), s, "Δθ", bounds, labels);
    }
  }
}

}  // namespace optviz::gui
