// Reads the PyTorch reference cases (tests/reference/torch, or the build's OPTVIZ_REFERENCE_DIR)
// and compares CSV tables with the metric of their README:
// |out - ref| <= rtol (|ref| + 1e-3 max |ref| over the column's finite values).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "optimizer.hpp"

namespace optviz::testing {

struct ReferenceCase {
  nlohmann::json json;  // the manifest entry
  std::string name;
  std::string csv;  // the reference file's text
};

std::vector<ReferenceCase> load_reference_cases();  // of tests/reference/torch
std::vector<ReferenceCase> load_reference_cases(const std::string& dir);
// The folder of the data-loss and schedule cases, whose --data files lie in it.
std::string data_reference_dir();
// The folder of the network cases (tests/reference/torch-net), whose files lie in it.
std::string net_reference_dir();

// The case's configuration, read from its "optimizer" and "hyper" fields.
Hyperparameters hyperparameters_of(const nlohmann::json& c);

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::optional<double>>> rows;  // nullopt for an empty cell
};

Table parse_csv(const std::string& text);

// "" when `out` matches `ref` (every column of ref present in out), else the first mismatch.
std::string compare_tables(const Table& out, const Table& ref, double rtol);

// A built-in optimizer's update typed as a rule, for the conventions of `h` (the reference
// README's equations, in our own words), and the state columns of the reference it reproduces.
struct TypedRule {
  std::string text;
  std::vector<std::string> columns;
};
TypedRule typed_rule_for(const Hyperparameters& h);

// The table with only the columns a rule reproduces: step, x, y, f, gx, gy and NAME_x, NAME_y for
// each of `state`.
Table keep_columns(const Table& t, const std::vector<std::string>& state);

}  // namespace optviz::testing
