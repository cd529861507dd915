// `optviz train` under bad input: each row runs the executable in a fresh directory holding a good
// data file (c.csv, 60 rows of labels 0 and 1, the --data of rows that give none) and checks the exact message on
// standard error, exit 2, nothing on standard output and no weights file written. Then a diverging training, which is
// data: its rows up to there, the status on standard error, exit 0.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "in_chinese.hpp"
#include "process.hpp"

using namespace optviz::testing;

namespace {

const std::filesystem::path kOptviz = OPTVIZ_EXECUTABLE;

// 60 rows of labels 0 and 1 on a circle's pattern.
std::string circle_csv() {
  std::string text = "x1,x2,y\n";
  for (int i = 0; i < 60; ++i) {
    const double a = (i % 12) - 5.5, b = (i / 12) * 2.0 - 4;
    text += std::to_string(a) + "," + std::to_string(b) + "," + (a * a + b * b < 16 ? "1" : "0") + "\n";
  }
  return text;
}

struct Row {
  std::vector<std::string> args;  // after "train --data c.csv"
  std::string message;            // the whole of standard error without "optviz: " and the newline
};

ProcessResult train(const TempDir& dir, std::vector<std::string> args, const ProcessOptions& options = {}) {
  write_file(dir / "c.csv", circle_csv());
  if (std::find(args.begin(), args.end(), "--data") == args.end())
    args.insert(args.begin(), {"--data", (dir / "c.csv").string()});
  args.insert(args.begin(), "train");
  return run_process(kOptviz, args, options);
}

}  // namespace

TEST_CASE("bad train input: exit 2, the exact message, nothing written", "[cli][robustness][network]") {
  const std::string optimizers =
      "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, lion";
  const std::vector<Row> rows = {
      {{"--dataset", "circle", "--optimizer", "sgd"}, "give --data FILE or --dataset NAME, not both"},
      {{"--optimizer", "sgd", "--rows", "10"}, "--rows applies to --dataset"},
      {{"--optimizer", "sgd", "--layers", "8,0"}, "invalid --layers \"8,0\": \"0\" is not a width of 1 .. 16 units"},
      {{"--optimizer", "sgd", "--layers", "8,x"}, "invalid --layers \"8,x\": \"x\" is not a width of 1 .. 16 units"},
      {{"--optimizer", "sgd", "--layers", "17"}, "invalid --layers \"17\": \"17\" is not a width of 1 .. 16 units"},
      {{"--optimizer", "sgd", "--layers", "2.5"}, "invalid --layers \"2.5\": \"2.5\" is not a width of 1 .. 16 units"},
      {{"--optimizer", "sgd", "--layers", "1,1,1,1,1,1,1"},
       "invalid --layers \"1,1,1,1,1,1,1\": hidden layers: at most 6, got 7"},
      {{"--optimizer", "sgd", "--activation", "softmax"}, "unknown activation \"softmax\" (tanh, relu or sigmoid)"},
      {{"--optimizer", "sgd", "--loss", "hinge"}, "unknown loss \"hinge\" (logistic or mse)"},
      {{"--optimizer", "sgd", "--features", "x1,x3"},
       "unknown feature \"x3\" in --features (x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2)"},
      {{"--optimizer", "sgd", "--features", "x1,x1"}, "feature \"x1\" twice in --features"},
      {{"--optimizer", "sgd", "--features", ""}, "--features: give at least one feature, for example x1,x2"},
      {{"--optimizer", "sgd", "--batch", "61"}, "--batch: must be at most the 60 training rows, got 61"},
      {{"--optimizer", "sgd", "--batch", "0"}, "invalid --batch: must be at least 1, got 0"},
      {{"--optimizer", "sgd", "--shuffle"}, "--shuffle applies with --batch B"},
      {{"--optimizer", "sgd", "--test-fraction", "0.95"}, "invalid --test-fraction: must be 0 .. 0.9, got 0.95"},
      {{"--optimizer", "sgd", "--data", "{dir}/one.csv", "--test-fraction", "0.9"},
       "test fraction 0.9 of 1 rows leaves no training row"},
      {{"--optimizer", "sgd", "--test-fraction", "0.5", "--batch", "40"},
       "--batch: must be at most the 30 training rows, got 40"},
      {{"--optimizer", "sgd", "--steps", "-1"}, "--steps: must be 0 .. 1000000, got -1"},
      {{"--optimizer", "sgd", "--steps", "1000001"}, "--steps: must be 0 .. 1000000, got 1000001"},
      {{"--optimizer", "sgd", "--eta", "-1"}, "invalid eta: -1 (must be >= 0)"},
      {{"--optimizer", "sgd", "--rho", "0.9"}, "--rho does not apply to sgd; it is taken by rmsprop, adadelta"},
      {{"--optimizer", "nope"}, "unknown optimizer \"nope\" (one of " + optimizers + ")"},
      {{"--steps", "3"}, "missing --optimizer (one of " + optimizers + ") or --rule"},
      {{"--rule", "theta = theta - eta*g"}, "the rule reads eta: give its value with --eta"},
      {{"--rule", "theta = theta - eta*", "--eta", "0.1"},
       "invalid --rule at column 21: expected a number, a name or '(', got the end of the formula\n"
       "  theta = theta - eta*\n                      ^"},
      {{"--optimizer", "sgd", "--schedule", "step", "--gamma", "-1"}, "--gamma: must be a number > 0, got -1"},
      {{"--optimizer", "sgd", "--init", "{dir}/w.json"}, "--init {dir}/w.json: layers: 0 layers, expected 3"},
      {{"--optimizer", "sgd", "--layers", "", "--init", "{dir}/w.json"},
       "--init {dir}/w.json: layers: 0 layers, expected 1"},
      {{"--optimizer", "sgd", "--every", "0"}, "--every: must be 1 .. 100 (the steps), got 0"},
      {{"--optimizer", "sgd", "--every", "101"}, "--every: must be 1 .. 100 (the steps), got 101"},
      {{"--optimizer", "sgd", "--dataset", "spiral", "--data", "", "--rows", "100000", "--steps", "1000000", "--layers",
        "16,16,16"},
       "work: 6.09e13 rows x parameters, at most 2e10 (about a minute): fewer steps, a smaller batch, a larger "
       "every or a smaller network"},
  };
  for (const Row& row : rows) {
    const TempDir dir;
    write_file(dir / "w.json", "{\"layers\": []}");
    write_file(dir / "one.csv", "x1,x2,y\n1,2,1\n");
    std::vector<std::string> args;
    for (const std::string& a : row.args) args.push_back(dir.in_dir(a));
    const std::string message = dir.in_dir(row.message);
    args.insert(args.end(), {"--weights-out", (dir / "out.json").string(), "--stats", (dir / "s.csv").string()});
    const ProcessResult r = train(dir, args);
    INFO(row.message);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "optviz: " + message + "\n");
    CHECK(r.out.empty());
    check_in_chinese(train(dir, args, in_chinese()), 2, message);
    CHECK(dir.entries() == std::vector<std::string>{"c.csv", "one.csv", "w.json"});
  }
}

// Its weights lie beyond the 1e12 that --init reads: no weights file, and standard error says so.
TEST_CASE("a diverging training is data: its rows, the status, exit 0", "[cli][robustness][network]") {
  const TempDir dir;
  const std::string out = (dir / "out.json").string();
  const ProcessResult r = train(dir, {"--optimizer", "sgd", "--eta", "1e8", "--loss", "mse", "--layers", "4", "--steps",
                                      "50", "--weights-out", out});
  CHECK(r.exit_code == 0);
  REQUIRE(r.err.starts_with("diverged at step "));
  const long k = std::stol(r.err.substr(17));
  CHECK(r.err == "diverged at step " + std::to_string(k) + "\n--weights-out " + out +
                     " not written: weights beyond 1e12, which --init could not read back\n");
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == k + 2);  // the header and rows 0 .. k
  CHECK(r.out.starts_with("step,loss,accuracy\n0,") == false);   // mse: no accuracy
  CHECK(r.out.starts_with("step,loss\n0,"));
  CHECK(dir.entries() == std::vector<std::string>{"c.csv"});
}

TEST_CASE("train --every records every K steps and the last, the diverged step too", "[cli][robustness][network]") {
  const TempDir dir;
  const ProcessResult every = train(dir, {"--optimizer", "rmsprop", "--batch", "6", "--steps", "25", "--every", "10"});
  const ProcessResult all = train(dir, {"--optimizer", "rmsprop", "--batch", "6", "--steps", "25"});
  REQUIRE(every.exit_code == 0);
  REQUIRE(all.exit_code == 0);
  std::vector<std::string> every_rows, all_rows;
  for (const auto& [text, rows] : {std::pair{&every.out, &every_rows}, std::pair{&all.out, &all_rows}}) {
    std::istringstream in(*text);
    for (std::string line; std::getline(in, line);) rows->push_back(line);
  }
  REQUIRE(all_rows.size() == 27);  // the header and rows 0 .. 25
  CHECK(every_rows == std::vector<std::string>{all_rows[0], all_rows[1], all_rows[11], all_rows[21], all_rows[26]});
  const ProcessResult diverged = train(
      dir, {"--optimizer", "sgd", "--eta", "1e8", "--loss", "mse", "--layers", "4", "--steps", "50", "--every", "20"});
  REQUIRE(diverged.err.starts_with("diverged at step "));
  const std::string k = diverged.err.substr(17, diverged.err.find('\n') - 17);
  CHECK(diverged.out.substr(diverged.out.rfind('\n', diverged.out.size() - 2) + 1).starts_with(k + ","));
}

TEST_CASE("train --stats writes a row per recorded update, layer and kind", "[cli][robustness][network]") {
  const TempDir dir;
  const ProcessResult r = train(dir, {"--optimizer", "adam", "--layers", "4,3", "--batch", "10", "--steps", "25",
                                      "--every", "10", "--stats", (dir / "s.csv").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  std::istringstream in(read_file(dir / "s.csv"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 1 + 3 * 3 * 2);  // updates 10, 20, 25; three layers; weights and biases
  CHECK(lines[0].starts_with("step,layer,kind,count,v_nan,v_min,v_q05,v_q10,v_q50,v_q90,v_q95,v_max,v_0,v_1e-18,"));
  CHECK(lines[0].ends_with(",ratio_1e9,ratio_1e10"));
  CHECK(lines[1].starts_with("10,0,weight,8,0,"));
  CHECK(lines[2].starts_with("10,0,bias,4,0,"));
  CHECK(lines[6].starts_with("10,2,bias,1,0,"));
  CHECK(lines[18].starts_with("25,2,bias,1,0,"));
}
