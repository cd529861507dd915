// `optviz plane` under bad input: each row runs the executable in a fresh directory and checks the
// exact message on standard error, exit 2, nothing on standard output and no file written. Then good
// runs: the CSV's rows and the PNG of each kind of plane.
#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "in_chinese.hpp"
#include "process.hpp"

using namespace optviz::testing;

namespace {

const std::filesystem::path kOptviz = OPTVIZ_EXECUTABLE;

ProcessResult plane(std::vector<std::string> args, const ProcessOptions& options = {}) {
  args.insert(args.begin(), {"plane", "--dataset", "spiral", "--rows", "60", "--layers", "4"});
  return run_process(kOptviz, args, options);
}

struct Row {
  std::vector<std::string> args;
  std::string message;  // the whole of standard error without "optviz: " and the newline
};

}  // namespace

TEST_CASE("bad plane input: exit 2, the exact message, nothing written", "[cli][robustness][network]") {
  const std::vector<Row> rows = {
      {{"--optimizer", "sgd", "--grid", "0"}, "invalid --grid: must be 2 .. 401, got 0"},
      {{"--optimizer", "sgd", "--grid", "1"}, "invalid --grid: must be 2 .. 401, got 1"},
      {{"--optimizer", "sgd", "--grid", "10000"}, "invalid --grid: must be 2 .. 401, got 10000"},
      {{"--optimizer", "sgd", "--directions", "hessian"},
       "unknown --directions \"hessian\" (pca, random, three-point or line)"},
      {{"--optimizer", "sgd", "--span", "-1"}, "invalid --span: must be 0 .. 10, got -1"},
      {{"--optimizer", "sgd", "--span", "11"}, "invalid --span: must be 0 .. 10, got 11"},
      {{"--optimizer", "sgd", "--snapshots", "-3"}, "invalid --snapshots: must be at least 1, got -3"},
      {{"--optimizer", "sgd", "--snapshots", "1", "--steps", "5000"},
       "--snapshots 1 keeps 5002 snapshots of 5000 steps, at most 2000"},
      {{"--optimizer", "sgd", "--steps", "1"},
       "--directions pca needs at least 3 snapshots: more --steps, or a smaller --snapshots"},
      {{"--optimizer", "sgd", "--second-seed", "4"}, "--second-seed applies to --directions three-point"},
      {{"--optimizer", "sgd", "--directions", "line", "--second-init", "{dir}/w.json"},
       "--second-init applies to --directions three-point"},
      {{"--optimizer", "sgd", "--directions", "three-point", "--second-seed", "4", "--second-init", "{dir}/w.json"},
       "give --second-seed or --second-init, not both"},
      {{"--optimizer", "sgd", "--directions", "three-point", "--second-init", "{dir}/w.json"},
       "--second-init {dir}/w.json: layers: 0 layers, expected 2"},
      {{"--optimizer", "sgd", "--eta", "0"}, "--directions pca: the snapshots are all the same point: no path to see"},
      {{"--optimizer", "sgd", "--directions", "three-point", "--steps", "0"},
       "--directions three-point: the first two points are the same"},
      {{"--optimizer", "sgd", "--eta", "1e9", "--loss", "mse"},
       "the training diverged at step 2: a plane needs finite weights (a smaller --eta?)"},
      // The training's own flags, read as `train` reads them.
      {{"--optimizer", "sgd", "--activation", "softmax"}, "unknown activation \"softmax\" (tanh, relu or sigmoid)"},
      {{"--optimizer", "sgd", "--steps", "-1"}, "--steps: must be 0 .. 1000000, got -1"},
      {{"--steps", "3"},
       "missing --optimizer (one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, "
       "lion) or --rule"},
  };
  for (const Row& row : rows) {
    const TempDir dir;
    write_file(dir / "w.json", "{\"layers\": []}");
    std::vector<std::string> args{"--out", (dir / "p.png").string(), "--csv", (dir / "p.csv").string()};
    std::transform(row.args.begin(), row.args.end(), std::back_inserter(args),
                   [&dir](const std::string& a) { return dir.in_dir(a); });
    const ProcessResult r = plane(args);
    INFO(row.message);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "optviz: " + dir.in_dir(row.message) + "\n");
    CHECK(r.out.empty());
    check_in_chinese(plane(args, in_chinese()), 2, dir.in_dir(row.message));
    CHECK(dir.entries() == std::vector<std::string>{"w.json"});
  }
}

TEST_CASE("plane's CSV: the grid, the path and pca's shares of the variance", "[cli][network]") {
  const ProcessResult r = plane({"--optimizer", "rmsprop", "--eta", "0.01", "--steps", "40", "--grid", "5"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  CHECK(line == "kind,run,step,a,b,loss,plane_loss,off_plane");
  std::vector<std::string> kinds;
  while (std::getline(in, line)) kinds.push_back(line.substr(0, line.find(',')));
  CHECK(std::count(kinds.begin(), kinds.end(), "grid") == 25);
  CHECK(std::count(kinds.begin(), kinds.end(), "path") == 41);  // about 50 snapshots: every step of 40
  CHECK(std::count(kinds.begin(), kinds.end(), "explained") == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), "random_walk") == 1);
  // The last snapshot is the plane's origin: on it, its loss the plane's.
  const std::string last_path = r.out.substr(r.out.find("path,1,40,"));
  CHECK(last_path.starts_with("path,1,40,0,0,"));
}

TEST_CASE("plane writes a PNG for each kind of plane", "[cli][network]") {
  for (const char* kind : {"pca", "random", "three-point", "line"}) {
    const TempDir dir;
    const ProcessResult r = plane({"--optimizer", "rmsprop", "--eta", "0.01", "--steps", "30", "--grid", "9",
                                   "--directions", kind, "--out", (dir / "p.png").string()});
    INFO(kind);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(read_file(dir / "p.png").starts_with("\x89PNG"));
  }
}

TEST_CASE("plane's grid: both axes at one scale, the narrower widened about its centre", "[cli][network]") {
  // three-point's two runs end at different distances from the start: the path's extents differ.
  const ProcessResult r =
      plane({"--optimizer", "rmsprop", "--eta", "0.01", "--steps", "40", "--grid", "5", "--directions", "three-point"});
  REQUIRE(r.exit_code == 0);
  std::istringstream in(r.out);
  std::string line;
  double a_lo = 1e300, a_hi = -1e300, b_lo = 1e300, b_hi = -1e300;
  while (std::getline(in, line))
    if (line.starts_with("grid,,,")) {
      std::istringstream fields(line.substr(7));
      double a = 0, b = 0;
      char comma = 0;
      fields >> a >> comma >> b;
      a_lo = std::min(a_lo, a), a_hi = std::max(a_hi, a), b_lo = std::min(b_lo, b), b_hi = std::max(b_hi, b);
    }
  REQUIRE(a_hi > a_lo);
  CHECK((a_hi - a_lo) == Approx(b_hi - b_lo).epsilon(1e-12));
}
