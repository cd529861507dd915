// The command line under bad input and environment faults: the optviz executable is run as a
// user's shell would run it, and each row checks the exact message on standard error, the exit
// code (2 bad input, 1 environment problem) and that nothing was written or lost.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "in_chinese.hpp"
#include "process.hpp"

using namespace optviz::testing;

namespace {

const std::filesystem::path kOptviz = OPTVIZ_EXECUTABLE;

constexpr int kBadInput = 2;
constexpr int kEnvironment = 1;

const std::string kOptimizers = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, lion";

struct Row {
  std::vector<std::string> args;  // "{dir}" stands for a fresh temporary directory
  int exit_code;
  std::string message;  // the whole of standard error, without "optviz: " and the newline
};

std::string substitute(std::string text, const std::filesystem::path& dir) {
  const std::string key = "{dir}";
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at))
    text.replace(at, key.size(), dir.string());
  return text;
}

std::vector<std::string> substitute(std::vector<std::string> args, const std::filesystem::path& dir) {
  for (std::string& a : args) a = substitute(a, dir);
  return args;
}

std::string describe(const std::vector<std::string>& args) {
  std::string out = "optviz";
  for (const std::string& a : args) out += " '" + a + "'";
  return out;
}

void check_result(const ProcessResult& r, int exit_code, const std::string& message) {
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == exit_code);
  CHECK(r.err == "optviz: " + message + "\n");
  CHECK(r.out.empty());
}

// Runs a bad-input row three ways: as written (nothing on standard output), with --out naming a
// file that does not exist (it must not appear), and with --out naming a file that exists (it
// must keep its contents). The directory must hold nothing else afterwards: no temporary files.
void check_bad_input(const Row& row) {
  const TempDir dir;
  const std::vector<std::string> args = substitute(row.args, dir.path());
  const std::string message = substitute(row.message, dir.path());
  INFO(describe(args));
  check_result(run_process(kOptviz, args), row.exit_code, message);
  check_in_chinese(run_process(kOptviz, args, in_chinese()), row.exit_code, message);
  CHECK(dir.entries().empty());
  if (args.empty() || args.front() != "run") return;

  const std::string target = (dir.path() / "out.csv").string();
  std::vector<std::string> with_out = args;
  with_out.insert(with_out.begin() + 1, {"--out", target});
  INFO(describe(with_out));
  check_result(run_process(kOptviz, with_out), row.exit_code, message);
  CHECK(dir.entries().empty());

  const std::string previous = "step,x,y\n0,1,2\n";
  write_file(target, previous);
  check_result(run_process(kOptviz, with_out), row.exit_code, message);
  CHECK(read_file(target) == previous);
  CHECK(dir.entries() == std::vector<std::string>{"out.csv"});
}

std::vector<std::string> run_args(const std::string& optimizer, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"run", "--function", "rosenbrock", "--optimizer", optimizer};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("the harness sees a good run succeed and write its file", "[cli][robustness]") {
  const TempDir dir;
  const auto target = dir.path() / "out.csv";
  const auto r = run_process(kOptviz, run_args("adam", {"--steps", "3", "--out", target.string()}));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.empty());
  CHECK(read_file(target).rfind("step,x,y,f,gx,gy,", 0) == 0);
  CHECK(dir.entries() == std::vector<std::string>{"out.csv"});
}

TEST_CASE("bad command-line input: exit 2, the exact message, nothing written", "[cli][robustness]") {
  const std::string not_found = "unknown function \"nope\" (see `optviz list`)";
  const std::vector<Row> rows = {
      // Names.
      {{"run", "--function", "nope", "--optimizer", "sgd"}, kBadInput, not_found},
      {{"run", "--function", "Rosenbrock", "--optimizer", "sgd"},
       kBadInput,
       "unknown function \"Rosenbrock\" (see `optviz list`)"},
      {{"run", "--function", "", "--optimizer", "sgd"},
       kBadInput,
       "missing --function, --expr or --data (see `optviz list`)"},
      {{"run", "--optimizer", "sgd"}, kBadInput, "missing --function, --expr or --data (see `optviz list`)"},
      {run_args("nope"), kBadInput, "unknown optimizer \"nope\" (one of " + kOptimizers + ")"},
      {run_args("SGD"), kBadInput, "unknown optimizer \"SGD\" (one of " + kOptimizers + ")"},
      {{"run", "--function", "rosenbrock"}, kBadInput, "missing --optimizer (one of " + kOptimizers + ") or --rule"},
      // Typed functions (--expr) and rules (--rule).
      {{"run", "--expr", "(1-x", "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "invalid --expr at column 1: '(' is not closed\n  (1-x\n  ^"},
      {{"run", "--expr", "x^2 + z", "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "invalid --expr at column 7: unknown name \"z\" (known: x, y, pi, e)\n  x^2 + z\n        ^"},
      {{"run", "--expr", "2x", "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "invalid --expr at column 2: expected an operator before 'x' (write 2*x, not 2x)\n  2x\n   ^"},
      {{"run", "--expr", std::string(50'000, '(') + "x", "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "invalid --expr at column 201: nested too deeply (more than 200 levels)"},
      {{"run", "--expr", std::string(120'000, 'x'), "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "invalid --expr at column 100001: too long: 120000 characters (at most 100000)"},
      {{"run", "--expr", "x^2", "--optimizer", "sgd"},
       kBadInput,
       "--expr needs --start X,Y (a typed function has no default)"},
      {{"run", "--expr", "x^2", "--function", "booth", "--start=0,0", "--optimizer", "sgd"},
       kBadInput,
       "give --function or --expr, not both"},
      {{"run", "--function", "booth", "--optimizer", "sgd", "--rule", "theta = theta - eta*g", "--eta", "1"},
       kBadInput,
       "give --optimizer or --rule, not both"},
      {{"run", "--function", "booth", "--rule", "G = G + g^2"},
       kBadInput,
       "invalid --rule at column 12: the rule never assigns theta: end it with theta = theta - ...\n"
       "  G = G + g^2\n             ^"},
      {{"run", "--function", "booth", "--rule", "G = G + g^2\nm = g"},
       kBadInput,
       "invalid --rule at line 2, column 6: the rule never assigns theta: end it with theta = theta - ..."},
      {{"run", "--function", "booth", "--rule", "eta = 1; theta = theta"},
       kBadInput,
       "invalid --rule at column 1: cannot assign to eta (a hyperparameter, set by --eta)\n"
       "  eta = 1; theta = theta\n  ^"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g/(sqrt(g) + eps"},
       kBadInput,
       "invalid --rule at column 23: '(' is not closed\n  theta = theta - eta*g/(sqrt(g) + eps\n"
       "                        ^"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g"},
       kBadInput,
       "the rule reads eta: give its value with --eta"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g", "--eta", "0.1", "--rho", "0.9"},
       kBadInput,
       "--rho is given but the rule does not read rho"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g", "--eta", "0.1", "--centered"},
       kBadInput,
       "--centered applies to built-in optimizers; a rule writes its own update"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g", "--eta", "-1"},
       kBadInput,
       "invalid eta: -1 (must be >= 0)"},
      {{"run", "--function", "booth", "--rule", "theta = theta - eta*g", "--eta", "nan"},
       kBadInput,
       "invalid eta: nan (must be a finite number)"},
      // Data, noise and schedules.
      {{"run", "--data", "{dir}/none.csv", "--loss", "linear", "--optimizer", "sgd"},
       kBadInput,
       "{dir}/none.csv: no such file"},
      {{"run", "--data", "{dir}", "--loss", "linear", "--optimizer", "sgd"},
       kBadInput,
       "{dir}: not a regular file, so not a data file"},
      {{"run", "--data", "x.csv", "--optimizer", "sgd"}, kBadInput, "--data needs --loss linear or --loss logistic"},
      {{"run", "--function", "booth", "--loss", "linear", "--optimizer", "sgd"},
       kBadInput,
       "--loss applies to --data FILE"},
      {{"run", "--data", "x.csv", "--function", "booth", "--loss", "linear", "--optimizer", "sgd"},
       kBadInput,
       "give one of --function, --expr and --data"},
      {run_args("sgd", {"--batch", "4"}), kBadInput, "--batch: mini-batches need a loss from data (--data)"},
      {run_args("sgd", {"--shuffle"}), kBadInput, "--shuffle applies with --batch B"},
      {run_args("sgd", {"--noise", "-1"}), kBadInput, "--noise: must be in [0, 1e6], got -1"},
      {run_args("sgd", {"--schedule", "linear"}), kBadInput,
       "unknown schedule \"linear\" (constant, step, exponential, cosine or inverse_sqrt)"},
      {run_args("sgd", {"--gamma", "0.5"}), kBadInput, "--gamma applies to --schedule step or exponential"},
      {run_args("sgd", {"--schedule", "step", "--t-max", "5"}), kBadInput, "--t-max applies to --schedule cosine"},
      {run_args("sgd", {"--schedule", "cosine", "--step-size", "5"}), kBadInput,
       "--step-size applies to --schedule step"},
      {run_args("sgd", {"--warmup-start", "0.5"}), kBadInput, "--warmup-start applies with --warmup W"},
      {run_args("sgd", {"--schedule", "step", "--step-size", "0"}), kBadInput,
       "--step-size: must be an integer >= 1, got 0"},
      {run_args("sgd", {"--warmup", "10", "--warmup-start", "2"}), kBadInput,
       "--warmup-start: must be in [0, 1], got 2"},
      // Flags that do not apply to the optimizer.
      {run_args("sgd", {"--rho", "0.5"}), kBadInput, "--rho does not apply to sgd; it is taken by rmsprop, adadelta"},
      {run_args("adam", {"--momentum", "0.9"}), kBadInput,
       "--momentum does not apply to adam; it is taken by momentum, nesterov, rmsprop"},
      {run_args("rmsprop", {"--no-bias-correction"}), kBadInput,
       "--no-bias-correction does not apply to rmsprop; it is taken by adam"},
      {run_args("adam", {"--centered"}), kBadInput, "--centered does not apply to adam; it is taken by rmsprop"},
      {run_args("lion", {"--eps", "1e-8"}), kBadInput,
       "--eps does not apply to lion; it is taken by adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam"},
      // Values out of range, not finite or not numbers.
      {run_args("sgd", {"--eta", "-1"}), kBadInput, "invalid eta: -1 (must be >= 0)"},
      {run_args("sgd", {"--lr", "-2"}), kBadInput, "invalid eta: -2 (must be >= 0)"},
      {run_args("sgd", {"--eta", "nan"}), kBadInput, "invalid eta: nan (must be a finite number)"},
      {run_args("sgd", {"--eta", "inf"}), kBadInput, "invalid eta: inf (must be a finite number)"},
      {run_args("sgd", {"--eta", "-inf"}), kBadInput, "invalid eta: -inf (must be a finite number)"},
      {run_args("sgd", {"--eta", "1e999"}), kBadInput, "invalid eta: inf (must be a finite number)"},
      {run_args("sgd", {"--eta", "abc"}), kBadInput, "Could not convert: --eta = abc"},
      {run_args("rmsprop", {"--rho", "1.5"}), kBadInput, "invalid rho: 1.5 (must be in [0, 1])"},
      {run_args("rmsprop", {"--alpha", "2"}), kBadInput, "invalid rho: 2 (must be in [0, 1])"},
      {run_args("adadelta", {"--rho", "-0.1"}), kBadInput, "invalid rho: -0.1 (must be in [0, 1])"},
      {run_args("adam", {"--eps", "-1e-8"}), kBadInput, "invalid eps: -1e-08 (must be >= 0)"},
      {run_args("adam", {"--beta1", "1.0000001"}), kBadInput, "invalid beta1: 1.0000001 (must be in [0, 1])"},
      {run_args("lion", {"--beta2", "-1"}), kBadInput, "invalid beta2: -1 (must be in [0, 1])"},
      {run_args("momentum", {"--momentum", "1.5"}), kBadInput, "invalid momentum: 1.5 (must be in [0, 1])"},
      {run_args("momentum", {"--dampening", "2"}), kBadInput, "invalid dampening: 2 (must be in [0, 1])"},
      {run_args("adamw", {"--weight-decay", "-1"}), kBadInput, "invalid weight_decay: -1 (must be >= 0)"},
      {run_args("adagrad", {"--lr-decay", "nan"}), kBadInput, "invalid lr_decay: nan (must be a finite number)"},
      {run_args("adagrad", {"--initial-accumulator", "-1"}), kBadInput,
       "invalid initial_accumulator: -1 (must be >= 0)"},
      {run_args("nadam", {"--momentum-decay", "-1"}), kBadInput, "invalid momentum_decay: -1 (must be >= 0)"},
      // Step counts: negative, beyond the documented maximum, not integers.
      {run_args("sgd", {"--steps", "-1"}), kBadInput, "invalid steps: -1 (must be in [0, 1000000])"},
      {run_args("sgd", {"--steps", "1000001"}), kBadInput, "invalid steps: 1000001 (must be in [0, 1000000])"},
      {run_args("sgd", {"--steps", "1000000000"}), kBadInput, "invalid steps: 1000000000 (must be in [0, 1000000])"},
      {run_args("sgd", {"--steps", "1e9"}), kBadInput, "Could not convert: --steps = 1e9"},
      {run_args("sgd", {"--steps", "abc"}), kBadInput, "Could not convert: --steps = abc"},
      {run_args("sgd", {"--steps", "1.5"}), kBadInput, "Could not convert: --steps = 1.5"},
      // Start points: malformed, not finite, beyond 1e12.
      {run_args("sgd", {"--start", "1"}), kBadInput, "invalid start: \"1\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=1,2,3"}), kBadInput,
       "invalid start: \"1,2,3\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=a,b"}), kBadInput,
       "invalid start: \"a,b\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=,"}), kBadInput, "invalid start: \",\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=1,"}), kBadInput, "invalid start: \"1,\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start= 1,2"}), kBadInput,
       "invalid start: \" 1,2\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=1;2"}), kBadInput,
       "invalid start: \"1;2\" (expected X,Y, for example --start=-1.5,2)"},
      {run_args("sgd", {"--start=1e13,0"}), kBadInput,
       "invalid start: 1e+13,0 (must be finite and within 1e12 in each coordinate)"},
      {run_args("sgd", {"--start=0,-1.000001e12"}), kBadInput,
       "invalid start: 0,-1.000001e+12 (must be finite and within 1e12 in each coordinate)"},
      {run_args("sgd", {"--start=nan,0"}), kBadInput,
       "invalid start: nan,0 (must be finite and within 1e12 in each coordinate)"},
      {run_args("sgd", {"--start=1,inf"}), kBadInput,
       "invalid start: 1,inf (must be finite and within 1e12 in each coordinate)"},
      {run_args("sgd", {"--start=1e400,0"}), kBadInput,
       "invalid start: \"1e400,0\" (expected X,Y, for example --start=-1.5,2)"},
      // Missing values, repeated options, unknown words.
      {run_args("sgd", {"--eta"}), kBadInput, "--eta: 1 required FLOAT missing"},
      {run_args("sgd", {"--eta="}), kBadInput, "--eta: 1 required FLOAT missing"},
      {run_args("sgd", {"--steps"}), kBadInput, "--steps: 1 required INT missing"},
      {run_args("sgd", {"--out"}), kBadInput, "--out: 1 required TEXT missing"},
      {{"run", "--function"}, kBadInput, "--function: 1 required TEXT missing"},
      {run_args("sgd", {"--eta", "1", "--eta", "2"}), kBadInput, "--eta: At Most 1 required but received 2"},
      {run_args("sgd", {"--bogus"}), kBadInput, "The following argument was not expected: --bogus"},
      {run_args("sgd", {"extra"}), kBadInput,
       "--function cannot be combined with a scenario file, which sets the function, the runs, the start and the "
       "steps; give either a scenario or the flags of one run"},
      {{"frobnicate"}, kBadInput, "frobnicate: cannot read: No such file or directory"},
      {{"list", "--function", "x"}, kBadInput, "The following arguments were not expected: x --function"},
      // The window's options are checked even when a command runs.
      {{"--frames", "0", "list"}, kBadInput, "--frames: Value 0 not in range 1 to 100000"},
      {{"--scale", "10", "list"}, kBadInput, "--scale: Value 10 not in range 0.500000 to 4.000000"},
  };
  for (const Row& row : rows) check_bad_input(row);
  std::printf("bad command-line inputs tried: %zu\n", rows.size());
}

TEST_CASE("an unwritable --out: exit 1, the reason, nothing left behind", "[cli][robustness][environment]") {
  const std::vector<Row> rows = {
      {run_args("sgd", {"--out", "/dev/full"}), kEnvironment, "cannot write /dev/full: No space left on device"},
      {run_args("sgd", {"--out", "{dir}/missing/out.csv"}), kEnvironment,
       "cannot write {dir}/missing/out.csv: No such file or directory"},
      {run_args("sgd", {"--out", "{dir}"}), kEnvironment, "cannot write {dir}: Is a directory"},
      // A file where a directory should be: an unwritable directory even for root.
      {run_args("sgd", {"--out", "{dir}/file/out.csv"}), kEnvironment,
       "cannot write {dir}/file/out.csv: Not a directory"},
      {run_args("sgd", {"--out", "/proc/optviz-robustness.csv"}), kEnvironment,
       "cannot write /proc/optviz-robustness.csv: No such file or directory"},
  };
  for (const Row& row : rows) {
    const TempDir dir;
    write_file(dir.path() / "file", "a regular file\n");
    const std::vector<std::string> args = substitute(row.args, dir.path());
    INFO(describe(args));
    check_result(run_process(kOptviz, args), row.exit_code, substitute(row.message, dir.path()));
    check_in_chinese(run_process(kOptviz, args, in_chinese()), row.exit_code, substitute(row.message, dir.path()));
    CHECK(dir.entries() == std::vector<std::string>{"file"});
    CHECK(read_file(dir.path() / "file") == "a regular file\n");
  }

  SECTION("a directory where nothing may be created, even by root") {
    // sysfs refuses new files: EACCES on a read-write mount, EROFS where it is mounted read-only.
    const auto r = run_process(kOptviz, run_args("sgd", {"--out", "/sys/optviz-robustness.csv"}));
    CHECK(r.exit_code == kEnvironment);
    const std::string prefix = "optviz: cannot write /sys/optviz-robustness.csv: ";
    CHECK((r.err == prefix + "Permission denied\n" || r.err == prefix + "Read-only file system\n"));
    CHECK_FALSE(std::filesystem::exists("/sys/optviz-robustness.csv"));
  }
}

TEST_CASE("standard output that cannot be written: exit 1 with a message", "[cli][robustness][environment]") {
  for (const Stdout where : {Stdout::dev_full, Stdout::closed})
    for (const auto& args : {run_args("sgd", {"--steps", "3"}), std::vector<std::string>{"list"}}) {
      ProcessOptions options;
      options.stdout_to = where;
      INFO(describe(args) << (where == Stdout::dev_full ? " > /dev/full" : " >&-"));
      const auto r = run_process(kOptviz, args, options);
      CHECK(r.exit_code == kEnvironment);
      CHECK(r.err == "optviz: cannot write to standard output\n");
    }
}

TEST_CASE("a diverging run is data: the rows up to there and the status, exit 0", "[cli][robustness]") {
  const auto r = run_process(kOptviz, run_args("sgd", {"--eta", "1e308", "--steps", "1000"}));
  CHECK(r.exit_code == 0);
  CHECK(r.err == "diverged at step 1\n");
  const auto lines = std::count(r.out.begin(), r.out.end(), '\n');
  CHECK(lines == 3);  // the header, step 0 and step 1
}

namespace {

std::vector<std::string> sweep_args(std::vector<std::string> more) {
  std::vector<std::string> args = {"sweep", "--function",    "rosenbrock", "--optimizer",  "rmsprop",
                                   "--out", "{dir}/map.png", "--csv",      "{dir}/map.csv"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<std::string> basin_args(std::vector<std::string> more) {
  std::vector<std::string> args = {"basin", "--function",    "himmelblau", "--optimizer",  "adam",
                                   "--out", "{dir}/map.png", "--csv",      "{dir}/map.csv"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The rows of a CSV file, split at commas (the header first).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    const std::string line = text.substr(begin, end - begin);
    std::vector<std::string> fields;
    for (std::size_t b = 0;;) {
      const std::size_t comma = line.find(',', b);
      fields.push_back(line.substr(b, comma == std::string::npos ? std::string::npos : comma - b));
      if (comma == std::string::npos) break;
      b = comma + 1;
    }
    rows.push_back(std::move(fields));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return rows;
}

bool close(const std::string& a, const std::string& b) {
  const double u = std::stod(a), v = std::stod(b);
  if (std::isnan(u) || std::isnan(v)) return std::isnan(u) && std::isnan(v);
  return u == v || std::fabs(u - v) <= 1e-9 * std::max(std::fabs(u), std::fabs(v));
}

// The last row of `optviz run ARGS` (step,x,y,f,...) and the step it diverged at, or "".
std::pair<std::vector<std::string>, std::string> run_end(const std::vector<std::string>& args) {
  const ProcessResult r = run_process(kOptviz, args);
  REQUIRE(r.exit_code == 0);
  const auto rows = csv_rows(r.out.substr(0, r.out.size() - 1));
  const std::string prefix = "diverged at step ";
  const std::string diverged =
      r.err.rfind(prefix, 0) == 0 ? r.err.substr(prefix.size(), r.err.size() - prefix.size() - 1) : "";
  return {rows.back(), diverged};
}

}  // namespace

TEST_CASE("bad sweep and basin input: exit 2, the exact message, no file written", "[cli][robustness][sweep]") {
  const std::string rmsprop = " of rmsprop (eta, rho, eps, momentum, weight_decay)";
  const std::vector<Row> rows = {
      {sweep_args({"--x", "etaa:0:1", "--y", "rho:0:1"}), kBadInput, "--x: unknown hyperparameter \"etaa\"" + rmsprop},
      {sweep_args({"--x", "eta:0:1", "--y", "beta1:0:1"}), kBadInput,
       "--y: unknown hyperparameter \"beta1\"" + rmsprop},
      {sweep_args({"--x", "eta:0:1:log", "--y", "rho:0:1"}), kBadInput, "--x: FROM must be > 0 for :log"},
      {sweep_args({"--x", "eta:1:0:log", "--y", "rho:0:1"}), kBadInput, "--x: TO must be > 0 for :log"},
      {sweep_args({"--x", "eta:1e-3:1:lin", "--y", "rho:0:1"}), kBadInput,
       "--x: unknown scale \"lin\" (leave it out for a linear axis, or write :log)"},
      {sweep_args({"--x", "eta", "--y", "rho:0:1"}), kBadInput,
       "--x: expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"eta\""},
      {sweep_args({"--x", "eta:a:1", "--y", "rho:0:1"}), kBadInput, "--x: FROM is not a number: \"a\""},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1.5"}), kBadInput,
       "--y: TO 1.5 is out of range: rho must be in [0, 1]"},
      {sweep_args({"--x", "eta:-1:1", "--y", "rho:0:1"}), kBadInput, "--x: FROM -1 is out of range: eta must be >= 0"},
      {sweep_args({"--x", "eta:0:1", "--y", "eta:0:2"}), kBadInput,
       "--y: eta is already swept by --x; give two hyperparameters"},
      {sweep_args({"--x", "eta:0:1"}), kBadInput, "--y is required"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--size", "2000x10"}), kBadInput,
       "invalid --size: 2000x10 (each side must be in [1, 1024])"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--size", "0x10"}), kBadInput,
       "invalid --size: 0x10 (each side must be in [1, 1024])"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--size", "64"}), kBadInput,
       "invalid --size: \"64\" (expected WIDTHxHEIGHT, for example --size 256x256)"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--steps", "100001"}), kBadInput,
       "invalid steps: 100001 (must be in [0, 100000])"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--size", "1024x1024", "--steps", "100000"}), kBadInput,
       "too much work: 1024x1024 cells x 100000 steps is 104857600000 updates, at most 2000000000; use fewer cells "
       "or steps"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--run", "1"}), kBadInput,
       "--run applies to a scenario file: optviz sweep SCENARIO --run N ..."},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--beta1", "0.5"}), kBadInput,
       "--beta1 does not apply to rmsprop; it is taken by adam, adamw, adamax, nadam, lion"},
      {{"sweep", "--function", "rosenbrock", "--optimizer", "rmsprop", "--x", "eta:0:1", "--y", "rho:0:1"},
       kBadInput,
       "give --out FILE.png, --csv FILE.csv or both"},
      {{"sweep", "--function", "booth", "--rule", "theta = theta - eta*g/(1 + t*lr_decay)", "--x", "eta:0:1", "--y",
        "rho:0:1", "--csv", "{dir}/map.csv"},
       kBadInput,
       "the rule reads lr_decay: give its value with --lr-decay"},
      {{"sweep", "--function", "booth", "--rule", "theta = theta - eta*g/(1 + t*lr_decay)", "--x", "eta:0:1", "--y",
        "rho:0:1", "--lr-decay", "0", "--csv", "{dir}/map.csv"},
       kBadInput,
       "--y: unknown hyperparameter \"rho\" of the rule (eta, lr_decay)"},
      {{"sweep", "{dir}/none.json", "--x", "eta:0:1", "--y", "rho:0:1", "--csv", "{dir}/map.csv"},
       kBadInput,
       "{dir}/none.json: cannot read: No such file or directory"},
      {basin_args({"--view", "1,0,0,1"}), kBadInput,
       "--view: must be x0,x1,y0,y1 with x0 < x1 and y0 < y1, each finite and within 1e12, got 1,0,0,1"},
      {basin_args({"--view", "1,2,3"}), kBadInput,
       "invalid --view: \"1,2,3\" (expected x0,x1,y0,y1, for example --view=-5,5,-5,5)"},
      {basin_args({"--view=0,1,nan,1"}), kBadInput,
       "--view: must be x0,x1,y0,y1 with x0 < x1 and y0 < y1, each finite and within 1e12, got 0,1,nan,1"},
      {basin_args({"--size", "512x2048"}), kBadInput, "invalid --size: 512x2048 (each side must be in [1, 1024])"},
      {basin_args({"--eta", "-1"}), kBadInput, "invalid eta: -1 (must be >= 0)"},
      {basin_args({"--start=1,2"}), kBadInput, "The following argument was not expected: --start=1,2"},
      {basin_args({"--x", "eta:0:1"}), kBadInput, "The following argument was not expected: --x"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--colour", "minimum"}), kBadInput,
       "invalid --colour: \"minimum\" (expected loss or steps)"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--tolerance", "1e-3"}), kBadInput,
       "--tolerance applies to --colour steps"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--colour", "steps", "--tolerance", "0"}), kBadInput,
       "invalid --tolerance: 0 (must be > 0 and finite)"},
      {sweep_args({"--x", "eta:0:1", "--y", "rho:0:1", "--colour", "steps", "--tolerance", "inf"}), kBadInput,
       "invalid --tolerance: inf (must be > 0 and finite)"},
      {{"sweep", "--expr", "x^2 + y^2 + sin(3*x)", "--start=1,1", "--optimizer", "rmsprop", "--x", "eta:0:1", "--y",
        "rho:0:1", "--colour", "steps", "--csv", "{dir}/map.csv"},
       kBadInput,
       "--colour steps needs a function with a known minimum value f*; Typed function has none (use --colour "
       "loss)"},
      {basin_args({"--colour", "steps"}), kBadInput, "invalid --colour: \"steps\" (expected minimum or loss)"},
      {basin_args({"--tolerance", "1e-3"}), kBadInput, "The following argument was not expected: --tolerance"},
  };
  for (const Row& row : rows) {
    const TempDir dir;
    const std::vector<std::string> args = substitute(row.args, dir.path());
    INFO(describe(args));
    check_result(run_process(kOptviz, args), row.exit_code, substitute(row.message, dir.path()));
    check_in_chinese(run_process(kOptviz, args, in_chinese()), row.exit_code, substitute(row.message, dir.path()));
    CHECK(dir.entries().empty());
  }
  std::printf("bad sweep and basin inputs tried: %zu\n", rows.size());
}

TEST_CASE("optviz sweep's CSV rows equal optviz run with the cells' values", "[cli][sweep]") {
  const TempDir dir;
  const auto csv = dir / "sweep.csv", png = dir / "sweep.png";
  // Momentum on Himmelblau into divergence for the largest rates, through the vectorised lanes.
  const auto r = run_process(
      kOptviz, {"sweep", "--function", "himmelblau", "--optimizer", "momentum", "--x", "eta:1e-3:0.2:log", "--y",
                "momentum:0:0.95", "--size", "6x4", "--steps", "300", "--csv", csv.string(), "--out", png.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("sweep: 24 cells in ", 0) == 0);
  const auto rows = csv_rows(read_file(csv).substr(0, read_file(csv).size() - 1));
  REQUIRE(rows.size() == 25);
  CHECK(rows[0] == std::vector<std::string>{"eta", "momentum", "x", "y", "f", "diverged_at"});
  CHECK(rows[1][0] == "0.001");
  CHECK(rows[2][1] == "0");  // the x axis varies fastest
  int diverged = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    INFO("eta " << row[0] << ", momentum " << row[1]);
    const auto [end, diverged_at] = run_end({"run", "--function", "himmelblau", "--optimizer", "momentum", "--eta",
                                             row[0], "--momentum", row[1], "--steps", "300"});
    CHECK(close(row[2], end[1]));
    CHECK(close(row[3], end[2]));
    CHECK(close(row[4], end[3]));
    CHECK(row[5] == diverged_at);
    diverged += !diverged_at.empty();
  }
  CHECK(diverged > 0);
  CHECK(read_file(png).rfind("\x89PNG", 0) == 0);

  // A typed rule on a data loss with mini-batches and noise: the loop of a single run, cell by cell.
  const auto data = dir / "line.csv";
  write_file(data, "x,y\n-2,-5.1\n-1,-2.9\n0,-1.2\n1,1.1\n2,2.8\n3,5.2\n");
  const std::vector<std::string> run = {
      "--data",  data.string(), "--loss",    "linear",
      "--batch", "2",           "--shuffle", "--noise",
      "0.1",     "--seed",      "7",         "--start=0,0",
      "--steps", "120",         "--rule",    "G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)",
      "--eps",   "1e-8"};
  std::vector<std::string> sweep = {"sweep", "--x",   "eta:1e-3:0.3:log", "--y", "rho:0.5:0.99", "--size",
                                    "4x3",   "--csv", csv.string()};
  sweep.insert(sweep.end(), run.begin(), run.end());
  REQUIRE(run_process(kOptviz, sweep).exit_code == 0);
  const auto rule_rows = csv_rows(read_file(csv).substr(0, read_file(csv).size() - 1));
  REQUIRE(rule_rows.size() == 13);
  for (std::size_t i = 1; i < rule_rows.size(); ++i) {
    const auto& row = rule_rows[i];
    std::vector<std::string> one = {"run", "--eta", row[0], "--rho", row[1]};
    one.insert(one.end(), run.begin(), run.end());
    const auto [end, diverged_at] = run_end(one);
    CHECK(close(row[2], end[1]));
    CHECK(close(row[3], end[2]));
    CHECK(close(row[4], end[3]));
    CHECK(row[5] == diverged_at);
  }
}

TEST_CASE("sweep and basin colour by --colour in the PNG, never in the CSV", "[cli][sweep]") {
  const TempDir dir;
  const auto png = [&](const std::string& name) { return (dir / name).string(); };
  const std::vector<std::string> sweep = {"sweep", "--function",       "rosenbrock", "--optimizer",   "rmsprop",
                                          "--x",   "eta:1e-3:0.1:log", "--y",        "rho:0.5:0.999", "--size",
                                          "12x10", "--steps",          "400"};
  const auto with = [](std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  REQUIRE(run_process(kOptviz, with(sweep, {"--out", png("loss.png"), "--csv", png("loss.csv")})).exit_code == 0);
  REQUIRE(run_process(kOptviz, with(sweep, {"--colour", "loss", "--out", png("loss2.png")})).exit_code == 0);
  REQUIRE(run_process(kOptviz, with(sweep, {"--colour", "steps", "--tolerance", "1e-3", "--out", png("steps.png"),
                                            "--csv", png("steps.csv")}))
              .exit_code == 0);
  REQUIRE(run_process(kOptviz, with(sweep, {"--colour", "steps", "--out", png("steps6.png")})).exit_code == 0);
  CHECK(read_file(dir / "loss.png") == read_file(dir / "loss2.png"));  // loss is the default
  CHECK(read_file(dir / "steps.png") != read_file(dir / "loss.png"));
  CHECK(read_file(dir / "steps.png") != read_file(dir / "steps6.png"));  // the tolerance changes the colours
  CHECK(read_file(dir / "steps.csv") == read_file(dir / "loss.csv"));

  const std::vector<std::string> basin = {"basin", "--function", "himmelblau", "--optimizer", "adam", "--eta",
                                          "0.05",  "--size",     "16x16",      "--steps",     "300"};
  REQUIRE(run_process(kOptviz, with(basin, {"--out", png("minimum.png")})).exit_code == 0);
  REQUIRE(run_process(kOptviz, with(basin, {"--colour", "minimum", "--out", png("minimum2.png")})).exit_code == 0);
  REQUIRE(run_process(kOptviz, with(basin, {"--colour", "loss", "--out", png("basin_loss.png")})).exit_code == 0);
  CHECK(read_file(dir / "minimum.png") == read_file(dir / "minimum2.png"));
  CHECK(read_file(dir / "basin_loss.png") != read_file(dir / "minimum.png"));
}

TEST_CASE("optviz basin's CSV rows equal optviz run from the cells' starts", "[cli][sweep]") {
  const TempDir dir;
  const auto csv = dir / "basin.csv";
  const auto r = run_process(kOptviz, {"basin", "--function", "himmelblau", "--optimizer", "adam", "--eta", "0.05",
                                       "--size", "5x4", "--steps", "500", "--view=-5,5,-5,5", "--csv", csv.string()});
  REQUIRE(r.exit_code == 0);
  const auto rows = csv_rows(read_file(csv).substr(0, read_file(csv).size() - 1));
  REQUIRE(rows.size() == 21);
  CHECK(rows[0] == std::vector<std::string>{"x0", "y0", "x", "y", "f", "minimum", "diverged_at"});
  CHECK(rows[1][0] == "-4");
  CHECK(rows[1][1] == "-3.75");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto [end, diverged_at] = run_end({"run", "--function", "himmelblau", "--optimizer", "adam", "--eta", "0.05",
                                             "--steps", "500", "--start=" + row[0] + "," + row[1]});
    CHECK(close(row[2], end[1]));
    CHECK(close(row[3], end[2]));
    CHECK(close(row[4], end[3]));
    CHECK(row[6] == diverged_at);
    CHECK(!row[5].empty());  // every start of Himmelblau's box ends in one of its four minima
  }
}

TEST_CASE("the command line's language: --language, then LANGUAGE, then the locale, and its data stay as they are",
          "[cli][robustness][translate]") {
  const std::vector<std::string> bad = {"run", "--function", "nope", "--optimizer", "sgd"};
  const std::string english = "unknown function \"nope\" (see `optviz list`)";
  std::vector<std::string> with_option = {"--language", "zh_CN"};
  with_option.insert(with_option.end(), bad.begin(), bad.end());
  check_in_chinese(run_process(kOptviz, with_option), kBadInput, english);
  ProcessOptions locale;
  locale.environment = {
      {"LANGUAGE", std::nullopt}, {"LC_ALL", std::nullopt}, {"LC_MESSAGES", std::nullopt}, {"LANG", "zh_CN.UTF-8"}};
  check_in_chinese(run_process(kOptviz, bad, locale), kBadInput, english);
  // --language names the language even where the environment names another.
  with_option[1] = "en";
  check_result(run_process(kOptviz, with_option, in_chinese()), kBadInput, english);
  // The help in Chinese; a run's rows the same bytes in both languages.
  const ProcessResult help = run_process(kOptviz, {"--language", "zh_CN", "run", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(has_chinese(help.out));
  const std::vector<std::string> good = run_args("adam", {"--steps", "5"});
  const ProcessResult en = run_process(kOptviz, good);
  const ProcessResult zh = run_process(kOptviz, good, in_chinese());
  CHECK(en.exit_code == 0);
  CHECK(zh.exit_code == 0);
  CHECK(zh.out == en.out);
}
