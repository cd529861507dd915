#include "plane.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "names.hpp"
#include "parallel.hpp"
#include "random.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr Names<PlaneKind, 4> kPlaneNames{{
    {PlaneKind::pca, "pca"},
    {PlaneKind::random, "random"},
    {PlaneKind::three_point, "three-point"},
    {PlaneKind::line, "line"},
}};

constexpr std::uint64_t kDirectionStream = 0x9a1e;  // random_plane's draws
constexpr std::uint64_t kWalkStream = 0x3a1c;       // random_walk_explained's draws

Eigen::Map<const Eigen::VectorXd> as_vector(std::span<const double> v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

// The sign that makes the largest entry by magnitude positive: the same direction whatever the
// eigensolver's sign.
Eigen::VectorXd signed_direction(Eigen::VectorXd d) {
  Eigen::Index largest = 0;
  d.cwiseAbs().maxCoeff(&largest);
  if (d(largest) < 0) d = -d;
  return d;
}

// n standard normal numbers from (seed, stream), counter `first` on.
void fill_normal(Eigen::Ref<Eigen::VectorXd> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t first) {
  for (Eigen::Index i = 0; i < out.size(); i += 2) {
    const Vec2 pair = random_normal_pair(seed, stream, first + static_cast<std::uint64_t>(i / 2));
    out(i) = pair.x;
    if (i + 1 < out.size()) out(i + 1) = pair.y;
  }
}

}  // namespace

std::string_view name(PlaneKind kind) { return name_in(kPlaneNames, kind); }

std::optional<PlaneKind> find_plane_kind(std::string_view text) { return find_in(kPlaneNames, text); }

void Plane::point(double a, double b, std::span<double> theta) const {
  Eigen::Map<Eigen::VectorXd> out(theta.data(), origin.size());
  if (is_line())
    out = origin + a * u;
  else
    out = origin + a * u + b * v;
}

Eigen::MatrixXd snapshot_matrix(std::span<const std::vector<double>> snapshots) {
  const auto p = static_cast<Eigen::Index>(snapshots.empty() ? 0 : snapshots.front().size());
  Eigen::MatrixXd m(static_cast<Eigen::Index>(snapshots.size()), p);
  for (std::size_t i = 0; i < snapshots.size(); ++i) m.row(static_cast<Eigen::Index>(i)) = as_vector(snapshots[i]);
  return m;
}

// The m x m Gram matrix of the centred rows has the same nonzero eigenvalues as their P x P
// covariance; its eigenvector e_k gives the component D^T e_k / sqrt(lambda_k).
Components principal_components(const Eigen::MatrixXd& rows) {
  if (rows.rows() < 3) throw std::invalid_argument(tr("principal components need at least 3 points"));
  const Eigen::MatrixXd centred = rows.rowwise() - rows.colwise().mean();
  const Eigen::MatrixXd gram = centred * centred.transpose();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
  const Eigen::VectorXd& lambda = solver.eigenvalues();  // ascending
  const Eigen::Index m = lambda.size();
  const double total = lambda.cwiseMax(0.0).sum();
  Components c;
  const auto component = [&](Eigen::Index k) -> Eigen::VectorXd {
    if (!(lambda(k) > 0)) return Eigen::VectorXd::Zero(rows.cols());
    return signed_direction(centred.transpose() * solver.eigenvectors().col(k) / std::sqrt(lambda(k)));
  };
  c.first = component(m - 1);
  c.second = component(m - 2);
  c.explained = {total > 0 ? std::max(lambda(m - 1), 0.0) / total : 0.0,
                 total > 0 ? std::max(lambda(m - 2), 0.0) / total : 0.0};
  return c;
}

Plane pca_plane(const Eigen::MatrixXd& snapshots) {
  const Eigen::RowVectorXd last = snapshots.row(snapshots.rows() - 1);
  bool moved = false;  // tested exactly: the mean's rounding would make a "path" of a point
  for (Eigen::Index i = 0; i < snapshots.rows() && !moved; ++i) moved = snapshots.row(i) != last;
  if (!moved) throw std::invalid_argument(tr("the snapshots are all the same point: no path to see"));
  Components c = principal_components(snapshots);
  Plane plane;
  plane.kind = PlaneKind::pca;
  plane.origin = last.transpose();
  plane.u = std::move(c.first);
  plane.v = std::move(c.second);
  plane.explained = c.explained;
  return plane;
}

Plane random_plane(const Network& net, std::span<const double> theta, std::uint64_t seed) {
  Plane plane;
  plane.kind = PlaneKind::random;
  plane.origin = as_vector(theta);
  const auto n = static_cast<Eigen::Index>(theta.size());
  Eigen::VectorXd* directions[2] = {&plane.u, &plane.v};
  for (std::uint64_t d = 0; d < 2; ++d) {
    Eigen::VectorXd& dir = *directions[d];
    dir = Eigen::VectorXd::Zero(n);
    fill_normal(dir, seed, kDirectionStream + d, 0);
    for (std::size_t l = 0; l < net.layers().size(); ++l) {
      const LayerShape& s = net.layers()[l];
      const auto w = net.weight(theta, l);
      Eigen::Map<RowMatrix> rows(dir.data() + s.offset, static_cast<Eigen::Index>(s.out),
                                 static_cast<Eigen::Index>(s.in));
      for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        const double norm = rows.row(r).norm();
        rows.row(r) *= norm > 0 ? w.row(r).norm() / norm : 0.0;
      }
      dir.segment(static_cast<Eigen::Index>(s.bias_offset()), static_cast<Eigen::Index>(s.out)).setZero();
    }
  }
  return plane;
}

Plane three_point_plane(std::span<const double> first, std::span<const double> second, std::span<const double> third) {
  Plane plane;
  plane.kind = PlaneKind::three_point;
  plane.origin = as_vector(first);
  Eigen::VectorXd u = as_vector(second) - plane.origin;
  Eigen::VectorXd v = as_vector(third) - plane.origin;
  const double u_norm = u.norm();
  if (!(u_norm > 0)) throw std::invalid_argument(tr("the first two points are the same"));
  u /= u_norm;
  v -= u.dot(v) * u;
  v -= u.dot(v) * u;  // twice: Gram-Schmidt's second pass keeps v orthogonal to 1e-16
  const double v_norm = v.norm();
  if (!(v_norm > 1e-12 * std::max(u_norm, 1.0))) throw std::invalid_argument(tr("the three points lie on one line"));
  plane.u = std::move(u);
  plane.v = v / v_norm;
  return plane;
}

Plane line_plane(std::span<const double> start, std::span<const double> end) {
  Plane plane;
  plane.kind = PlaneKind::line;
  plane.origin = as_vector(start);
  plane.u = as_vector(end) - plane.origin;
  return plane;
}

Projection project(const Plane& plane, std::span<const double> theta) {
  const Eigen::VectorXd d = as_vector(theta) - plane.origin;
  Projection p;
  if (plane.is_line()) {
    const double uu = plane.u.squaredNorm();
    p.a = uu > 0 ? plane.u.dot(d) / uu : 0.0;
    p.distance = (d - p.a * plane.u).norm();
    return p;
  }
  // The normal equations of min |d - a u - b v|: the directions need not be orthogonal (random).
  Eigen::Matrix2d gram;
  gram << plane.u.squaredNorm(), plane.u.dot(plane.v), plane.u.dot(plane.v), plane.v.squaredNorm();
  const Eigen::Vector2d rhs(plane.u.dot(d), plane.v.dot(d));
  const Eigen::Vector2d ab = gram.ldlt().solve(rhs);
  p.a = ab(0);
  p.b = ab(1);
  p.distance = (d - p.a * plane.u - p.b * plane.v).norm();
  return p;
}

std::vector<double> grid_values(double lo, double hi, std::size_t n) {
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(n - 1);
    values[i] = i + 1 == n ? hi : lo + t * (hi - lo);
    if (std::fabs(values[i]) <= 1e-12 * (hi - lo)) values[i] = 0;
  }
  return values;
}

PlaneGrid empty_plane_grid(const Plane& plane, std::vector<double> a_values, std::vector<double> b_values) {
  PlaneGrid grid;
  grid.a = std::move(a_values);
  grid.b = plane.is_line() ? std::vector<double>{0.0} : std::move(b_values);
  grid.loss.assign(grid.a.size() * grid.b.size(), 0.0);
  return grid;
}

bool plane_loss_rows(const Network& net, const Plane& plane, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     PlaneGrid& grid, std::size_t j_begin, std::size_t j_end, unsigned threads,
                     const std::atomic<bool>* cancel) {
  return for_each_block(j_end - j_begin, threads, cancel, [&](std::size_t row) {
    const std::size_t j = j_begin + row;
    NetWorkspace ws;
    std::vector<double> theta(static_cast<std::size_t>(plane.origin.size()));
    for (std::size_t i = 0; i < grid.a.size(); ++i) {
      plane.point(grid.a[i], grid.b[j], theta);
      grid.loss[j * grid.a.size() + i] = net.loss(theta, x, y, ws);
    }
  });
}

PlaneGrid plane_loss(const Network& net, const Plane& plane, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     std::vector<double> a_values, std::vector<double> b_values, unsigned threads) {
  PlaneGrid grid = empty_plane_grid(plane, std::move(a_values), std::move(b_values));
  plane_loss_rows(net, plane, x, y, grid, 0, grid.b.size(), threads);
  return grid;
}

std::vector<PathPoint> project_path(const Network& net, const Plane& plane, std::span<const long> steps,
                                    std::span<const std::vector<double>> snapshots, const Eigen::MatrixXd& x,
                                    const Eigen::VectorXd& y) {
  std::vector<PathPoint> path;
  if (snapshots.empty()) return path;
  const Eigen::Map<const Eigen::VectorXd> final_point = as_vector(snapshots.back());
  NetWorkspace ws;
  std::vector<double> on_plane(snapshots.front().size());
  for (std::size_t k = 0; k < snapshots.size(); ++k) {
    PathPoint p;
    p.step = steps[k];
    p.at = project(plane, snapshots[k]);
    p.loss = net.loss(snapshots[k], x, y, ws);
    plane.point(p.at.a, p.at.b, on_plane);
    p.plane_loss = net.loss(on_plane, x, y, ws);
    p.from_end = (as_vector(snapshots[k]) - final_point).norm();
    p.off_plane = p.from_end > 0 ? p.at.distance / p.from_end : 0.0;
    path.push_back(p);
  }
  return path;
}

namespace {

// lo .. hi of the values, widened by `span` of their extent on each side (1 on each side of a point).
std::pair<double, double> axis_range(const std::vector<double>& values, double span) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const double extent = *hi - *lo;
  if (!(extent > 0)) return {*lo - 1, *hi + 1};
  return {*lo - span * extent, *hi + span * extent};
}

}  // namespace

PlaneRange plane_range(PlaneKind kind, std::span<const std::vector<PathPoint>> paths, double span) {
  if (kind == PlaneKind::line) return {-span, 1 + span, 0, 0};
  std::vector<double> as{0}, bs{0};
  for (const auto& path : paths)
    for (const PathPoint& p : path) as.push_back(p.at.a), bs.push_back(p.at.b);
  if (kind == PlaneKind::random) as.insert(as.end(), {-1, 1}), bs.insert(bs.end(), {-1, 1});
  std::pair<double, double> a = axis_range(as, span), b = axis_range(bs, span);
  const double extent = std::max(a.second - a.first, b.second - b.first);
  for (std::pair<double, double>* range : {&a, &b})
    if (range->second - range->first < extent) {
      const double centre = (range->first + range->second) / 2;
      *range = {centre - extent / 2, centre + extent / 2};
    }
  return {a.first, a.second, b.first, b.second};
}

PlaneGrid empty_path_grid(const PlanePaths& p, double span, std::size_t side) {
  const PlaneRange r = plane_range(p.plane.kind, p.paths, span);
  return empty_plane_grid(p.plane, grid_values(r.a_lo, r.a_hi, side), grid_values(r.b_lo, r.b_hi, side));
}

PlanePaths plane_paths(PlaneKind kind, const Network& net, std::span<const double> start, const NetRun& run,
                       const NetRun* second, const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) {
  for (const NetRun* each : {&run, second})
    if (each != nullptr && each->diverged_at)
      throw std::invalid_argument(tr_format("the run diverged at step {0}: a plane needs finite weights",
                                            {std::to_string(*each->diverged_at)}));
  PlanePaths r;
  std::vector<const NetRun*> runs{&run};
  switch (kind) {
    case PlaneKind::pca:
      if (run.snapshots.size() < 3)
        throw std::invalid_argument(tr("the principal components need at least 3 snapshots: more steps"));
      r.plane = pca_plane(snapshot_matrix(run.snapshots));
      r.walk = random_walk_explained(run.snapshot_steps, net.parameter_count(), seed);
      break;
    case PlaneKind::random:
      r.plane = random_plane(net, run.theta, seed);
      break;
    case PlaneKind::line:
      r.plane = line_plane(start, run.theta);
      break;
    case PlaneKind::three_point:
      if (second == nullptr) throw std::invalid_argument(tr("the plane through three points needs a second run"));
      r.plane = three_point_plane(start, run.theta, second->theta);
      runs.push_back(second);
      break;
  }
  for (const NetRun* each : runs)
    r.paths.push_back(project_path(net, r.plane, each->snapshot_steps, each->snapshots, x, y));
  return r;
}

double path_reach(std::span<const PathPoint> path) {
  double reach = 0;
  for (const PathPoint& p : path) reach = std::max(reach, p.from_end);
  return reach;
}

double off_plane_share(const PathPoint& point, double reach) { return reach > 0 ? point.at.distance / reach : 0.0; }

std::array<double, 2> random_walk_explained(std::span<const long> steps, std::size_t dimension, std::uint64_t seed) {
  Eigen::MatrixXd walk(static_cast<Eigen::Index>(steps.size()), static_cast<Eigen::Index>(dimension));
  Eigen::VectorXd position = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dimension));
  Eigen::VectorXd increment(static_cast<Eigen::Index>(dimension));
  for (std::size_t k = 0; k < steps.size(); ++k) {
    if (k > 0) {
      fill_normal(increment, seed, kWalkStream, k * dimension);
      position += std::sqrt(static_cast<double>(steps[k] - steps[k - 1])) * increment;
    }
    walk.row(static_cast<Eigen::Index>(k)) = position;
  }
  return principal_components(walk).explained;
}

}  // namespace optviz
