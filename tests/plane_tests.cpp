// The weight-space plane (core/network/plane.hpp): its directions against numpy and against their
// definitions, the grid against the network's own loss, and the random-walk baseline against the
// published shares of variance.
#include <Eigen/Eigenvalues>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "net_data.hpp"
#include "optimizer.hpp"
#include "plane.hpp"
#include "train.hpp"

using namespace optviz;

namespace {

std::vector<std::vector<double>> read_rows(const std::string& name) {
  std::ifstream in(std::string(OPTVIZ_PLANE_REFERENCE_DIR) + "/" + name);
  REQUIRE(in);
  std::vector<std::vector<double>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<double>& row = rows.emplace_back();
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) row.push_back(std::stod(field));
  }
  return rows;
}

// Up to sign: the larger of |a - b| and |a + b| is not what counts, the smaller is.
double distance_up_to_sign(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return std::min((a - b).cwiseAbs().maxCoeff(), (a + b).cwiseAbs().maxCoeff());
}

struct Spiral {
  Network net{NetworkSpec{2, {8, 8}, Activation::tanh, NetLoss::logistic}};
  NetSets sets;
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  Spiral() {
    sets.train = generate_playground({Playground::spiral, 100, 0, 3});
    x = input_matrix(sets.train, sets.features);
    y = target_vector(sets.train);
  }
  NetRun train(std::uint64_t seed, long steps = 60, long every = 5) const {
    RunSpec spec;
    spec.hyper = defaults(OptimizerKind::rmsprop);
    spec.hyper.eta = 0.01;
    return train_network(net, net.initial_weights(seed), sets, spec, steps, seed, {.snapshot_every = every});
  }
};

}  // namespace

TEST_CASE("train_network keeps the weights of every k-th row and of the last") {
  const Spiral s;
  const NetRun run = s.train(1, 23, 5);
  CHECK(run.snapshot_steps == std::vector<long>{0, 5, 10, 15, 20, 23});
  REQUIRE(run.snapshots.size() == 6);
  CHECK(run.snapshots.front() == s.net.initial_weights(1));
  CHECK(run.snapshots.back() == run.theta);
  CHECK(s.train(1, 23, 0).snapshots.empty());
}

TEST_CASE("pca's directions are numpy's SVD of the same snapshots, to 1e-10 up to sign") {
  const auto snapshots = read_rows("plane-pca/snapshots.csv");
  const auto expected = read_rows("plane-pca/components.csv");
  const Plane plane = pca_plane(snapshot_matrix(snapshots));
  const Eigen::VectorXd* directions[2] = {&plane.u, &plane.v};
  for (std::size_t k = 0; k < 2; ++k) {
    const std::vector<double>& row = expected[k];
    const Eigen::VectorXd numpy = Eigen::Map<const Eigen::VectorXd>(row.data(), Eigen::Index(row.size() - 1));
    CHECK(distance_up_to_sign(*directions[k], numpy) < 1e-10);
    CHECK(std::fabs(plane.explained[k] - row.back()) < 1e-12);
  }
  CHECK(plane.origin == Eigen::Map<const Eigen::VectorXd>(snapshots.back().data(), Eigen::Index(33)));
}

TEST_CASE("the three-point plane contains its three points to 1e-12") {
  const Spiral s;
  const std::vector<double> start = s.net.initial_weights(1);
  const std::vector<double> first = s.train(1).theta, second = s.train(2).theta;
  const Plane plane = three_point_plane(start, first, second);
  CHECK(std::fabs(plane.u.dot(plane.v)) < 1e-15);
  std::vector<double> back(start.size());
  for (const std::vector<double>* p : {&start, &first, &second}) {
    const Projection at = project(plane, *p);
    CHECK(at.distance < 1e-12);
    plane.point(at.a, at.b, back);
    for (std::size_t i = 0; i < back.size(); ++i) CHECK(std::fabs(back[i] - (*p)[i]) < 1e-12);
  }
  CHECK_THROWS_AS(three_point_plane(start, first, first), std::invalid_argument);
}

TEST_CASE("filter-normalised directions have theta's row norms and no bias") {
  const Spiral s;
  const std::vector<double> theta = s.train(1).theta;
  const Plane plane = random_plane(s.net, theta, 7);
  for (const Eigen::VectorXd* d : {&plane.u, &plane.v}) {
    for (std::size_t l = 0; l < s.net.layers().size(); ++l) {
      const auto w = s.net.weight(theta, l);
      const auto dw = s.net.weight(std::span(d->data(), theta.size()), l);
      for (Eigen::Index r = 0; r < w.rows(); ++r) CHECK(dw.row(r).norm() == Approx(w.row(r).norm()).epsilon(1e-14));
      CHECK(s.net.bias(std::span(d->data(), theta.size()), l).cwiseAbs().maxCoeff() == 0.0);
    }
  }
  CHECK((plane.u - plane.v).norm() > 0.1);            // two directions, not one twice
  CHECK(random_plane(s.net, theta, 7).u == plane.u);  // the seed decides them
  CHECK((random_plane(s.net, theta, 8).u - plane.u).norm() > 0.1);
}

TEST_CASE("the grid at the plane's origin is the network's loss there, exactly") {
  const Spiral s;
  const NetRun run = s.train(1);
  NetWorkspace ws;
  const double at_origin = s.net.loss(run.theta, s.x, s.y, ws);
  for (const Plane& plane : {pca_plane(snapshot_matrix(run.snapshots)), random_plane(s.net, run.theta, 3)}) {
    const PlaneGrid grid = plane_loss(s.net, plane, s.x, s.y, grid_values(-0.7, 0.7, 9), grid_values(-1.3, 1.3, 11), 2);
    REQUIRE(grid.a[4] == 0.0);
    REQUIRE(grid.b[5] == 0.0);
    CHECK(grid.at(4, 5) == at_origin);
    CHECK(grid.at(0, 0) != at_origin);
  }
  // The line's a = 0 is the start and a = 1 the end.
  const Plane line = line_plane(run.snapshots.front(), run.theta);
  const PlaneGrid along = plane_loss(s.net, line, s.x, s.y, grid_values(0, 1, 5), {}, 1);
  CHECK(along.b == std::vector<double>{0.0});
  CHECK(along.at(0, 0) == s.net.loss(run.snapshots.front(), s.x, s.y, ws));
  CHECK(std::fabs(along.at(4, 0) - at_origin) < 1e-14);
}

TEST_CASE("the path on the pca plane: the final point on it, each point's loss and distance") {
  const Spiral s;
  const NetRun run = s.train(1);
  const Plane plane = pca_plane(snapshot_matrix(run.snapshots));
  const std::vector<PathPoint> path = project_path(s.net, plane, run.snapshot_steps, run.snapshots, s.x, s.y);
  REQUIRE(path.size() == run.snapshots.size());
  CHECK(path.back().at.a == 0.0);
  CHECK(path.back().off_plane == 0.0);
  CHECK(path.back().from_end == 0.0);
  const Eigen::MatrixXd rows = snapshot_matrix(run.snapshots);
  CHECK(path.front().from_end == Approx((rows.row(0) - rows.row(rows.rows() - 1)).norm()).epsilon(1e-14));
  CHECK(path.front().off_plane * path.front().from_end == Approx(path.front().at.distance).epsilon(1e-14));
  CHECK(path.back().plane_loss == path.back().loss);
  CHECK(path.front().loss == run.loss.front());
  for (const PathPoint& p : path) {
    CHECK(p.off_plane >= 0);
    CHECK(p.off_plane <= 1);  // the final point is on the plane: no farther from it than from the final point
  }
  // Two components of a short smooth path explain most of it, and the rest is what is off the plane.
  CHECK(plane.explained[0] + plane.explained[1] > 0.8);
  CHECK(plane.explained[0] >= plane.explained[1]);
}

// Antognini and Sohl-Dickstein (2018): in high dimension the centred random walk's k-th component
// explains 6 / (pi^2 k^2) of its variance as the steps grow: 0.608 and 0.152. 20 walks of the same
// shape (201 snapshots of 1000 steps in 2000 coordinates, drawn with numpy) gave 0.608 and 0.152 with
// standard deviations 0.008 and 0.0045, none farther than 0.016 and 0.010 from the limits: the
// tolerances 0.03 and 0.015 are about four and three standard deviations of one walk.
TEST_CASE("a random walk's first two components explain about 0.61 and 0.15 of its variance") {
  std::vector<long> steps;
  for (long k = 0; k <= 1000; k += 5) steps.push_back(k);
  const auto shares = random_walk_explained(steps, 2000, 11);
  CHECK(shares[0] == Approx(6 / (M_PI * M_PI)).margin(0.03));
  CHECK(shares[1] == Approx(6 / (4 * M_PI * M_PI)).margin(0.015));
  CHECK(random_walk_explained(steps, 2000, 11) == shares);
}

TEST_CASE("a projection onto directions that are not orthogonal: its coordinates and its distance") {
  const Spiral s;
  const std::vector<double> theta = s.train(1).theta;
  const Plane plane = random_plane(s.net, theta, 5);
  REQUIRE(std::fabs(plane.u.normalized().dot(plane.v.normalized())) > 1e-3);  // filter-normalised: not orthogonal
  // w: a vector orthogonal to both directions, of norm 0.25.
  Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(plane.u.size(), -1, 1).array().sin();
  const Eigen::VectorXd e1 = plane.u.normalized();
  const Eigen::VectorXd e2 = (plane.v - e1.dot(plane.v) * e1).normalized();
  for (int pass = 0; pass < 2; ++pass) w -= e1.dot(w) * e1 + e2.dot(w) * e2;
  w *= 0.25 / w.norm();
  const Eigen::VectorXd point = plane.origin + 0.3 * plane.u - 0.7 * plane.v + w;
  const Projection p = project(plane, std::span(point.data(), static_cast<std::size_t>(point.size())));
  CHECK(p.a == Approx(0.3).margin(1e-12));
  CHECK(p.b == Approx(-0.7).margin(1e-12));
  CHECK(p.distance == Approx(0.25).epsilon(1e-12));
}

TEST_CASE("the grid's range: the paths and the origin widened by the span, both axes at one extent") {
  const auto point = [](double a, double b) {
    PathPoint p;
    p.at = {a, b, 0};
    return p;
  };
  const std::vector<std::vector<PathPoint>> paths{{point(1, 0), point(3, 0.5)}};
  // a: 0 .. 3 widened by 0.75 on each side; b: 0 .. 0.5 by 0.125, then to a's extent of 4.5 about 0.25.
  const PlaneRange pca = plane_range(PlaneKind::pca, paths, 0.25);
  CHECK(pca.a_lo == -0.75);
  CHECK(pca.a_hi == 3.75);
  CHECK(pca.b_lo == -2);
  CHECK(pca.b_hi == 2.5);
  // random also spans a unit of each direction: a -1 .. 3 to -2 .. 4; b -1 .. 1 to -1.5 .. 1.5, then -3 .. 3.
  const PlaneRange random = plane_range(PlaneKind::random, paths, 0.25);
  CHECK(random.a_lo == -2);
  CHECK(random.a_hi == 4);
  CHECK(random.b_lo == -3);
  CHECK(random.b_hi == 3);
  const PlaneRange line = plane_range(PlaneKind::line, paths, 0.25);
  CHECK(line.a_lo == -0.25);
  CHECK(line.a_hi == 1.25);
  // A path that stays at the origin: 1 on each side.
  const PlaneRange still = plane_range(PlaneKind::pca, std::vector<std::vector<PathPoint>>{{point(0, 0)}}, 0.25);
  CHECK(still.a_lo == -1);
  CHECK(still.b_hi == 1);
}

TEST_CASE("plane_paths refuses a diverged run and a pca of fewer than 3 snapshots, naming why") {
  const Spiral s;
  const std::vector<double> start = s.net.initial_weights(1);
  NetRun diverged = s.train(1);
  diverged.diverged_at = 40;
  CHECK_THROWS_WITH(plane_paths(PlaneKind::line, s.net, start, diverged, nullptr, s.x, s.y, 1),
                    "the run diverged at step 40: a plane needs finite weights");
  const NetRun run = s.train(1);
  CHECK_THROWS_WITH(plane_paths(PlaneKind::three_point, s.net, start, run, &diverged, s.x, s.y, 1),
                    "the run diverged at step 40: a plane needs finite weights");
  const NetRun short_run = s.train(1, 5, 5);  // snapshots at 0 and 5
  REQUIRE(short_run.snapshots.size() == 2);
  CHECK_THROWS_WITH(plane_paths(PlaneKind::pca, s.net, start, short_run, nullptr, s.x, s.y, 1),
                    "the principal components need at least 3 snapshots: more steps");
  CHECK_NOTHROW(plane_paths(PlaneKind::line, s.net, start, short_run, nullptr, s.x, s.y, 1));
}
