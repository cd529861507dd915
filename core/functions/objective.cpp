#include "objective.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "translate.hpp"

namespace optviz {

struct Objective::Typed {
  std::string formula;
  Program program;
};

struct Objective::Data {
  Dataset data;
  DataLoss loss;
  std::string source;
  std::vector<std::size_t> all;  // 0 .. n-1
  std::vector<Vec2> minimum;     // none or one
  Box view;
  std::string formula;
};

namespace {

constexpr std::array<std::string_view, 2> kCoordinates = {"x", "y"};
constexpr Box kTypedView = {{-2, -2}, {2, 2}};
constexpr Vec2 kTypedStart = {-1.5, 1.5};

// Each thread evaluates into its own registers, so one compiled formula serves every thread.
template <class T>
std::span<T> registers_for(const Program& p) {
  thread_local std::vector<T> registers;
  if (registers.size() < p.register_count()) registers.resize(p.register_count());
  return {registers.data(), p.register_count()};
}

}  // namespace

Objective::Objective() : Objective(*find_function("rosenbrock")) {}

Objective::Objective(const TestFunction& f) : builtin_(&f) {}

Objective Objective::typed(std::string_view formula) {
  Objective o;
  o.builtin_ = nullptr;
  o.typed_ = std::make_shared<const Typed>(Typed{std::string(formula), compile_expression(formula, kCoordinates)});
  return o;
}

Objective Objective::from_data(Dataset data, DataLoss loss, std::string source) {
  if (const std::string problem = find_data_problem(data, loss); !problem.empty()) throw DataError(problem);
  auto d = std::make_shared<Data>();
  d->loss = loss;
  d->source = std::move(source);
  d->all.resize(data.size());
  for (std::size_t i = 0; i < d->all.size(); ++i) d->all[i] = i;
  if (const auto m = data_minimum(data, loss)) d->minimum.push_back(*m);
  // A view around the minimum (or the origin) that also holds the start (0, 0).
  const Vec2 c = d->minimum.empty() ? Vec2{0, 0} : d->minimum.front();
  const double r = std::max({2.0, 1.5 * std::fabs(c.x), 1.5 * std::fabs(c.y)});
  d->view = {{c.x - r, c.y - r}, {c.x + r, c.y + r}};
  d->formula =
      loss == DataLoss::linear ? "(1/N) sum (w x_i + b - y_i)^2" : "(1/N) sum softplus(w x_i + b) - y_i (w x_i + b)";
  d->data = std::move(data);
  Objective o;
  o.builtin_ = nullptr;
  o.data_ = std::move(d);
  return o;
}

const Dataset* Objective::data() const { return data_ ? &data_->data : nullptr; }
DataLoss Objective::loss() const { return data_ ? data_->loss : DataLoss::linear; }
const std::string& Objective::source() const {
  static const std::string none;
  return data_ ? data_->source : none;
}

void Objective::evaluate_rows(Vec2 p, std::span<const std::size_t> rows, double& value, Vec2& gradient) const {
  data_loss_and_gradient(data_->data, data_->loss, p, rows, value, gradient);
}

double Objective::value(Vec2 p) const {
  if (builtin_ != nullptr) return builtin_->value(p);
  if (data_) {
    double value = 0;
    Vec2 g;
    evaluate_rows(p, data_->all, value, g);
    return value;
  }
  const std::span<double> r = registers_for<double>(typed_->program);
  r[0] = p.x;
  r[1] = p.y;
  typed_->program.run(r);
  return r[typed_->program.result()];
}

void Objective::evaluate(Vec2 p, double& value, Vec2& gradient) const {
  if (builtin_ != nullptr) {
    value = builtin_->value(p);
    gradient = builtin_->gradient(p);
    return;
  }
  if (data_) {
    evaluate_rows(p, data_->all, value, gradient);
    return;
  }
  const std::span<Dual> r = registers_for<Dual>(typed_->program);
  r[0] = {p.x, 1, 0};
  r[1] = {p.y, 0, 1};
  typed_->program.run(r);
  const Dual& out = r[typed_->program.result()];
  value = out.v;
  gradient = {out.dx, out.dy};
}

Vec2 Objective::gradient(Vec2 p) const {
  double value = 0;
  Vec2 g;
  evaluate(p, value, g);
  return g;
}

std::string_view Objective::name() const {
  if (builtin_ != nullptr) return builtin_->name;
  return data_ ? optviz::name(data_->loss) : "expression";
}

std::string Objective::title() const {
  if (builtin_ != nullptr) return tr(std::string(builtin_->title).c_str());  // a name, or words (Saddle)
  if (data_)
    return data_->loss == DataLoss::linear ? tr_format("Linear regression on {0}", {data_->source})
                                           : tr_format("Logistic regression on {0}", {data_->source});
  return tr("Typed function");
}

std::string_view Objective::formula() const {
  if (builtin_ != nullptr) return builtin_->formula;
  return data_ ? std::string_view(data_->formula) : std::string_view(typed_->formula);
}

Box Objective::view() const {
  if (builtin_ != nullptr) return builtin_->view;
  return data_ ? data_->view : kTypedView;
}

Vec2 Objective::start() const {
  if (builtin_ != nullptr) return builtin_->start;
  return data_ ? Vec2{0, 0} : kTypedStart;
}

const std::vector<Vec2>& Objective::minima() const {
  if (builtin_ != nullptr) return builtin_->minima;
  return data_ ? data_->minimum : found_;
}

double Objective::minimum_value() const {
  if (builtin_ != nullptr) return builtin_->minima.empty() ? std::nan("") : builtin_->minimum_value;
  return minima().empty() ? std::nan("") : value(minima().front());
}

void Objective::search_minima(Box box) {
  if (is_typed()) found_ = find_local_minima(*this, box);
}

bool operator==(const Objective& a, const Objective& b) {
  if (a.builtin_ != nullptr || b.builtin_ != nullptr) return a.builtin_ == b.builtin_;
  if (a.data_ || b.data_) {
    if (!a.data_ || !b.data_) return false;
    return a.data_ == b.data_ ||
           (a.data_->loss == b.data_->loss && a.data_->source == b.data_->source && a.data_->data == b.data_->data);
  }
  return a.typed_->formula == b.typed_->formula;
}

namespace {

// Descends from p: Newton steps where the Hessian is positive definite, steepest descent
// elsewhere, each with a backtracking line search that must lower f. Returns the end point.
Vec2 descend(const Objective& f, Vec2 p, double scale) {
  const double h = 1e-6 * scale;
  for (int iteration = 0; iteration < 200; ++iteration) {
    double value = 0;
    Vec2 g;
    f.evaluate(p, value, g);
    if (!std::isfinite(value) || !is_finite(g)) return p;
    if (g.x == 0 && g.y == 0) return p;
    const Vec2 gx1 = f.gradient({p.x + h, p.y}), gx0 = f.gradient({p.x - h, p.y});
    const Vec2 gy1 = f.gradient({p.x, p.y + h}), gy0 = f.gradient({p.x, p.y - h});
    const double hxx = (gx1.x - gx0.x) / (2 * h), hyy = (gy1.y - gy0.y) / (2 * h);
    const double hxy = 0.5 * ((gx1.y - gx0.y) + (gy1.x - gy0.x)) / (2 * h);
    const double det = hxx * hyy - hxy * hxy;
    Vec2 d;
    if (hxx > 0 && det > 0 && std::isfinite(det)) {
      d = {-(hyy * g.x - hxy * g.y) / det, -(hxx * g.y - hxy * g.x) / det};
    } else {
      const double norm = std::hypot(g.x, g.y);
      d = (0.1 * scale / norm) * (-1.0 * g);
    }
    double a = 1;
    bool lowered = false;
    for (int k = 0; k < 60 && !lowered; ++k, a *= 0.5) {
      const Vec2 q = p + a * d;
      if (f.value(q) < value) {
        lowered = true;
        p = q;
      }
    }
    if (!lowered) return p;
    if (std::hypot(a * d.x, a * d.y) < 1e-15 * scale) return p;
  }
  return p;
}

bool is_local_minimum(const Objective& f, Vec2 p, double scale) {
  const double value = f.value(p);
  if (!std::isfinite(value)) return false;
  for (const double r : {1e-5 * scale, 1e-3 * scale}) {
    for (int k = 0; k < 8; ++k) {
      const double angle = k * 0.7853981633974483;
      if (f.value({p.x + r * std::cos(angle), p.y + r * std::sin(angle)}) < value) return false;
    }
  }
  return true;
}

}  // namespace

std::vector<Vec2> find_local_minima(const Objective& f, Box box, std::size_t limit) {
  constexpr int kStarts = 24;  // a kStarts x kStarts grid
  const Vec2 size = box.max - box.min;
  const double scale = std::max(size.x, size.y);
  if (!(scale > 0) || !std::isfinite(scale)) return {};
  std::vector<std::pair<double, Vec2>> found;
  for (int j = 0; j < kStarts; ++j) {
    for (int i = 0; i < kStarts; ++i) {
      const Vec2 start{box.min.x + (i + 0.5) / kStarts * size.x, box.min.y + (j + 0.5) / kStarts * size.y};
      const Vec2 p = descend(f, start, scale);
      const bool inside = p.x >= box.min.x && p.x <= box.max.x && p.y >= box.min.y && p.y <= box.max.y;
      if (!inside || !is_local_minimum(f, p, scale)) continue;
      const bool known = std::any_of(found.begin(), found.end(), [&](const auto& m) {
        return std::hypot(m.second.x - p.x, m.second.y - p.y) < 1e-4 * scale;
      });
      if (!known) found.emplace_back(f.value(p), p);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Vec2> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

}  // namespace optviz
