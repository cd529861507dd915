// Maps computed by messages (core/scenario/map_message.hpp), as the page's worker computes them: a
// request reads back as the same map, bit for bit, for built-in functions and optimizers, a typed
// rule on a typed function, a data loss with batches and noise, a schedule and a basin map; the
// blocks' cells travel exactly; the server's blocks, put into the page's map in parts in any order,
// give the map of sweep() and basin(); the checksum the browser test compares.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "dataset.hpp"
#include "map_message.hpp"
#include "rule.hpp"
#include "scenario.hpp"
#include "sweep.hpp"

using namespace optviz;

namespace {

Sweep rmsprop_sweep() {
  Sweep s;
  s.objective = *find_function("rosenbrock");
  s.run = make_run(OptimizerKind::rmsprop);
  s.start = {-1.5, 2};
  s.steps = 300;
  // Ends that no short decimal writes (0.1 * 3 / 1000 and 0.1 + 0.2): the request must carry every
  // bit. 160 x 97 cells: three blocks of kMessageMapOptions.
  s.x = parse_axis("eta:0.00030000000000000003:0.30000000000000004:log", s.run, 160);
  s.y = parse_axis("rho:0.5:0.99", s.run, 97);
  s.target = {s.objective.minimum_value(), 1e-3};
  return s;
}

// A data loss seen in shuffled mini-batches with noise, by the third run of a course with seed 11.
Sweep data_sweep() {
  Sweep s;
  s.objective = Objective::from_data(parse_data_csv("x,y\n0,1\n1,3\n2,5.5\n3,6.5\n4,9.25\n5,10.5\n"), DataLoss::linear,
                                     "points.csv");
  s.run = make_run(OptimizerKind::adam);
  s.run.batch = 2;
  s.run.shuffle = true;
  s.run.noise = 0.05;
  s.training = training_of(s.run, 11, 2);
  s.start = {0.5, -0.5};
  s.steps = 60;
  s.x = parse_axis("eta:1e-3:0.5:log", s.run, 5);
  s.y = parse_axis("beta2:0.9:0.9999", s.run, 4);
  return s;
}

Sweep rule_sweep() {
  Sweep s;
  s.objective = Objective::typed("(1-x)^2 + 100*(y-x^2)^2");
  s.run = make_rule_run(Rule("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)"));
  s.run.schedule.kind = ScheduleKind::cosine;
  s.training = training_of(s.run, 0, 0);
  s.start = {-1.5, 2};
  s.steps = 80;
  s.x = parse_axis("eta:1e-4:1:log", s.run, 7);
  s.y = parse_axis("rho:0.5:0.99", s.run, 3);
  return s;  // a typed function without a known minimum: the target is NaN
}

Basin himmelblau_basin() {
  Basin b;
  b.objective = *find_function("himmelblau");
  b.run = make_run(OptimizerKind::adam);
  b.run.hyper.eta = 0.05;
  b.view = {{-5.1, -4.9}, {5.3 / 3, 5.2}};
  b.columns = 41;
  b.rows = 30;
  b.steps = 400;
  b.target = {0, 1e-6};
  return b;
}

// The map computed by the server, its blocks put into the page's map in parts last first.
template <class Spec>
MapInParts through_server(const Spec& spec) {
  MapServer server;
  server.start(7, map_request(spec));
  MapInParts parts(spec, kMessageMapOptions);
  for (std::size_t b = parts.blocks(); b-- > 0;) {
    const MapAnswer m = read_map_answer(server.answer(7, b));
    REQUIRE(m.error.empty());
    CHECK(m.job == 7);
    CHECK(m.block == b);
    parts.put(b, m.cells);
  }
  CHECK(parts.done());
  return parts;
}

}  // namespace

TEST_CASE("a map request reads back as the same map, every number exact", "[map message]") {
  for (const Sweep& s : {rmsprop_sweep(), data_sweep(), rule_sweep()}) {
    const RequestedMap read = read_map_request(map_request(s));
    REQUIRE(std::holds_alternative<Sweep>(read));
    CHECK(std::get<Sweep>(read) == s);
  }
  const Basin b = himmelblau_basin();
  const RequestedMap read = read_map_request(map_request(b));
  REQUIRE(std::holds_alternative<Basin>(read));
  CHECK(std::get<Basin>(read) == b);
}

TEST_CASE("a request that does not read says why", "[map message]") {
  const auto message = [](const std::string& text) {
    try {
      read_map_request(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("{").rfind("map request: ", 0) == 0);
  std::string request = map_request(rmsprop_sweep());
  CHECK(message(std::string(request).replace(request.find("\"sweep\""), 7, "\"sheep\"")) ==
        "map request: unknown map \"sheep\" (sweep or basin)");
  CHECK(message(std::string(request).replace(request.rfind("\"rho\""), 5, "\"beta1\"")) ==
        "map request: unknown hyperparameter \"beta1\"");
  CHECK(message(std::string(request).replace(request.find("\"count\":97"), 10, "\"count\":0")) ==
        "map request: size: must be at most 1024x1024 and at least 1x1, got 160x0");
}

TEST_CASE("a block's cells travel exactly; damaged bytes are refused", "[map message]") {
  const std::vector<RunSummary> cells = {
      {{1.5, -0.25}, 0.1, 3, std::nullopt},
      {{std::numeric_limits<double>::denorm_min(), -0.0}, std::numeric_limits<double>::infinity(), std::nullopt, 99},
  };
  const std::vector<std::uint8_t> bytes = block_message(4000000000u, 12, cells);
  CHECK(bytes.size() == 12 + 2 * 40);
  const MapAnswer m = read_map_answer(bytes);
  CHECK(m.job == 4000000000u);
  CHECK(m.block == 12);
  CHECK(m.cells == cells);
  CHECK(std::signbit(m.cells[1].position.y));
  const std::span<const std::uint8_t> all(bytes);
  CHECK_THROWS_AS(read_map_answer(all.first(bytes.size() - 1)), std::invalid_argument);
  CHECK_THROWS_AS(read_map_answer(all.first(8)), std::invalid_argument);
  std::vector<std::uint8_t> late = bytes;
  for (int i = 0; i < 4; ++i) late[12 + 40 + 32 + i] = 0xff;  // the second cell diverged past any map's steps
  CHECK_THROWS_WITH(read_map_answer(late), "block message: a step out of range");
}

TEST_CASE("the server's blocks make the map of sweep() and basin(), cell for cell", "[map message]") {
  REQUIRE(MapInParts(rmsprop_sweep(), kMessageMapOptions).blocks() == 3);  // put last first
  for (const Sweep& s : {rmsprop_sweep(), data_sweep(), rule_sweep()}) {
    const Map whole = sweep(s);
    const Map put = std::move(through_server(s)).map();
    CHECK(put.complete);
    CHECK(put.cells == whole.cells);
    CHECK(map_checksum(put) == map_checksum(whole));
  }
  const Basin b = himmelblau_basin();
  const BasinMap whole = basin(b);
  const BasinMap put = std::move(through_server(b)).basin_map();
  CHECK(put.cells == whole.cells);
  CHECK(put.minimum == whole.minimum);
  CHECK(put.minima.size() == 4);
}

TEST_CASE("the server's jobs: blocks of a running job, errors as messages, ended jobs forgotten", "[map message]") {
  const auto error = [](const std::vector<std::uint8_t>& bytes) { return read_map_answer(bytes).error; };
  MapServer server;
  const Sweep s = rmsprop_sweep();
  const std::size_t blocks = MapInParts(s, kMessageMapOptions).blocks();
  REQUIRE(blocks > 1);
  server.start(1, map_request(s));
  CHECK(error(server.answer(1, blocks)) ==
        "map job 1 has " + std::to_string(blocks) + " blocks, not " + std::to_string(blocks + 1));
  CHECK(error(server.answer(2, 0)) == "map job 2 is not running");
  server.start(2, "{}");
  CHECK(error(server.answer(2, 0)).rfind("map request: ", 0) == 0);
  CHECK(server.jobs() == 2);
  server.start(2, map_request(himmelblau_basin()));  // a job started again is the new one
  CHECK(error(server.answer(2, 0)).empty());
  CHECK(server.jobs() == 2);
  server.end(1);
  server.end(1);
  CHECK(server.jobs() == 1);
  CHECK(error(server.answer(1, 0)) == "map job 1 is not running");
  const MapAnswer empty = read_map_answer(error_message(3, ""));
  CHECK(empty.job == 3);
  CHECK(empty.error == "the worker failed without a message");

  MapInParts parts(s, kMessageMapOptions);
  const std::vector<RunSummary> one(parts.block_cells(0).size() + 1);
  CHECK_THROWS_AS(parts.put(0, one), std::invalid_argument);
  CHECK_THROWS_AS(parts.put(parts.blocks(), {}), std::invalid_argument);
  CHECK(parts.cells_done() == 0);
}

TEST_CASE("the checksum: FNV-1a over x, y, f and diverged_at, as the CSV gives them", "[map message]") {
  Map map;
  map.columns = 2;
  map.rows = 1;
  CHECK(map_checksum(map) == 0xcbf29ce484222325ULL);  // FNV-1a's offset basis: no byte
  map.cells = {{{1.5, -0.25}, 0.1, 3, std::nullopt}, {{2.0, 1e300}, std::numeric_limits<double>::infinity(), 5, 7}};
  // Computed by Python: struct.pack('<dddq', x, y, f, diverged_at or -1) of each cell, FNV-1a 64.
  CHECK(map_checksum(map) == 0xaa4b409adf98c6ccULL);
  map.cells[0].reached_at = 4;  // not in the CSV, not in the checksum
  CHECK(map_checksum(map) == 0xaa4b409adf98c6ccULL);
  map.cells[1].value = -std::numeric_limits<double>::quiet_NaN();  // any NaN counts as the CSV's "nan"
  const std::uint64_t with_nan = map_checksum(map);
  map.cells[1].value = std::numeric_limits<double>::quiet_NaN();
  CHECK(map_checksum(map) == with_nan);
  map.cells[1].value = std::numeric_limits<double>::infinity();
  map.cells[1].position.y = std::nextafter(1e300, 0.0);
  CHECK(map_checksum(map) != 0xaa4b409adf98c6ccULL);
}
