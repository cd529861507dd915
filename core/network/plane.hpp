// The weight-space plane, honestly: a 2D slice (or a 1D line) of a network's parameter space, the
// loss over a grid on it, and the training path projected onto it with what the projection loses.
//   A plane is an origin o and two directions u, v: the point (a, b) is o + a u + b v.
//   pca:         o = the final weights; u, v the top two principal components of the snapshots
//                (centred, as sklearn's PCA in Li et al. 2018, section 7: the snapshots minus the
//                final point, whose mean is then removed), from the snapshots' m x m Gram matrix;
//                each with its explained variance lambda_k / sum(lambda).
//   random:      o = the final weights; u, v filter-normalised (Li et al. 2018, section 4): standard
//                normal draws from the seeded generator, each row of a weight matrix (one output
//                unit) scaled to the norm of the same row of theta; bias entries 0.
//   three-point: o = the first point; u, v an orthonormal basis (Gram-Schmidt) of the two others
//                minus it (Garipov et al. 2018), so all three lie on the plane.
//   line:        o = the start, u = end - start, no v (Goodfellow et al. 2015): a = 0 is the start,
//                a = 1 the end.
// A snapshot theta projects to the (a, b) that minimise |theta - o - a u - b v|; its distance from the
// plane is that minimum, reported relative to its distance from the final point.
// The baseline: a random walk of the same steps in the same dimension, projected the same way (pca),
// explains about 6/pi^2 = 0.61 and 6/(4 pi^2) = 0.15 of its variance with its first two components
// (Antognini and Sohl-Dickstein 2018), however straight a picture of it looks.
#pragma once

#include <Eigen/Core>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "network.hpp"
#include "train.hpp"

namespace optviz {

inline constexpr std::size_t kMinPlaneGrid = 2;
inline constexpr std::size_t kMaxPlaneGrid = 401;
inline constexpr std::size_t kMaxSnapshots = 2000;    // the Gram matrix is snapshots x snapshots
inline constexpr std::size_t kDefaultPlaneGrid = 51;  // points a side, as `optviz plane --grid` and the window
inline constexpr double kPlaneSpan = 0.25;            // the grid's reach beyond the path (`optviz plane --span`)

enum class PlaneKind { pca, random, three_point, line };
std::string_view name(PlaneKind kind);
std::optional<PlaneKind> find_plane_kind(std::string_view name);

struct Plane {
  PlaneKind kind = PlaneKind::pca;
  Eigen::VectorXd origin;
  Eigen::VectorXd u, v;                   // v empty for a line
  std::array<double, 2> explained{0, 0};  // pca: the share of the variance along u and v
  bool is_line() const { return v.size() == 0; }
  // o + a u + b v into `theta` (origin.size() values), without allocating.
  void point(double a, double b, std::span<double> theta) const;
};

// The snapshots as the rows of an m x P matrix.
Eigen::MatrixXd snapshot_matrix(std::span<const std::vector<double>> snapshots);

// pca over m >= 3 snapshots (rows), the last of which is the final point. Each direction has unit
// norm and the sign that makes its largest entry (by magnitude) positive (a zero vector when the
// snapshots vary along fewer directions). Throws std::invalid_argument when they do not vary at all.
Plane pca_plane(const Eigen::MatrixXd& snapshots);
// The top two principal components and the shares of the variance of rows centred on their mean.
struct Components {
  Eigen::VectorXd first, second;
  std::array<double, 2> explained{0, 0};
};
Components principal_components(const Eigen::MatrixXd& rows);

Plane random_plane(const Network& net, std::span<const double> theta, std::uint64_t seed);
// Throws std::invalid_argument when the three points do not span a plane.
Plane three_point_plane(std::span<const double> first, std::span<const double> second, std::span<const double> third);
Plane line_plane(std::span<const double> start, std::span<const double> end);

// The coordinates (a, b) of theta's projection onto the plane (b = 0 on a line), and its distance
// from the plane.
struct Projection {
  double a = 0, b = 0;
  double distance = 0;
};
Projection project(const Plane& plane, std::span<const double> theta);

// The loss over every row of x at each point of the grid a_values x b_values (a line: b_values =
// {0}); loss[j * a_values.size() + i] at (a_values[i], b_values[j]). Rows of the grid in parallel
// on `threads` threads (0: every core), each with its own workspace.
struct PlaneGrid {
  std::vector<double> a, b;
  std::vector<double> loss;
  double at(std::size_t i, std::size_t j) const { return loss[j * a.size() + i]; }
};
PlaneGrid plane_loss(const Network& net, const Plane& plane, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     std::vector<double> a_values, std::vector<double> b_values, unsigned threads = 0);
// The grid's a and b with every loss 0, for plane_loss_rows to fill (a line: b = {0}).
PlaneGrid empty_plane_grid(const Plane& plane, std::vector<double> a_values, std::vector<double> b_values);
// Rows j_begin .. j_end - 1 of the grid's loss, as plane_loss computes them; stops handing out rows
// once *cancel (if given) is set and returns false then. The window computes a grid in parts.
bool plane_loss_rows(const Network& net, const Plane& plane, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     PlaneGrid& grid, std::size_t j_begin, std::size_t j_end, unsigned threads = 0,
                     const std::atomic<bool>* cancel = nullptr);

// n values evenly from lo to hi (n >= 2); a value within 1e-12 of the span of 0 is made exactly 0, so
// that the grid passes through the plane's origin when the range does.
std::vector<double> grid_values(double lo, double hi, std::size_t n);

// A snapshot on the plane: its coordinates, its true loss, the plane's loss at its projection, its
// distance from the final point, and its distance from the plane over that (0 for the final point).
struct PathPoint {
  long step = 0;
  Projection at;
  double loss = 0;
  double plane_loss = 0;
  double from_end = 0;
  double off_plane = 0;
};
std::vector<PathPoint> project_path(const Network& net, const Plane& plane, std::span<const long> steps,
                                    std::span<const std::vector<double>> snapshots, const Eigen::MatrixXd& x,
                                    const Eigen::VectorXd& y);

// A kind of plane for a run trained from `start`, as `optviz plane` and the window make it: pca of the
// run's snapshots (with the random walk's baseline for as many snapshots, drawn by `seed`), random
// directions drawn by `seed` at the run's end, three-point through the start and the ends of the run
// and `second`, the line from the start to the run's end; and the paths projected onto it (the
// run's, then three-point's second run's), their losses over x and y. Throws std::invalid_argument
// when there is no such plane (a run diverged; pca with fewer than 3 snapshots, and pca_plane's and
// three_point_plane's reasons; three-point without a second run).
struct PlanePaths {
  Plane plane;
  std::vector<std::vector<PathPoint>> paths;
  std::optional<std::array<double, 2>> walk;  // pca
};
PlanePaths plane_paths(PlaneKind kind, const Network& net, std::span<const double> start, const NetRun& run,
                       const NetRun* second, const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed);

// The grid's reach around the paths: a and b from lo to hi. Each axis spans the paths' projections
// and the origin, widened by `span` of their extent on each side (1 on each side of a single
// value); random's also spans -1 .. 1 (a unit of each direction); then the narrower axis widens
// about its centre to the wider's extent, so that on a square plot distances and angles read true.
// A line spans -span .. 1 + span, and b is {0, 0}.
struct PlaneRange {
  double a_lo = 0, a_hi = 1, b_lo = 0, b_hi = 0;
};
PlaneRange plane_range(PlaneKind kind, std::span<const std::vector<PathPoint>> paths, double span);
// The grid of `side` points a side over that range (a line: side x 1), every loss 0, for
// plane_loss_rows to fill: what `optviz plane`, the window's plane and a lesson's slide compute.
PlaneGrid empty_path_grid(const PlanePaths& p, double span, std::size_t side);

// A snapshot's distance from the plane as a share of its path's reach (the largest distance of a
// snapshot from the final point): in [0, 1] since the plane passes through the final point (pca,
// random) or near it. What a figure draws of the distance (a ring, a fading dot) follows it; under
// kOnPlaneShare the snapshot is on the plane as far as the eye can tell.
inline constexpr double kOnPlaneShare = 0.1;
double path_reach(std::span<const PathPoint> path);
double off_plane_share(const PathPoint& point, double reach);

// The explained variance of the first two principal components of a random walk of standard normal
// steps in `dimension` coordinates, seen at the given steps (increasing, from 0) as a run's snapshots
// are. The walk between two snapshots is drawn as one normal step of variance their gap.
std::array<double, 2> random_walk_explained(std::span<const long> steps, std::size_t dimension, std::uint64_t seed);

}  // namespace optviz
