#include "data_csv.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "number_text.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t comma = line.find(',', begin);
    cells.push_back(trim(line.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin)));
    if (comma == std::string_view::npos) return cells;
    begin = comma + 1;
  }
}

std::string shown(std::string_view cell) {
  constexpr std::size_t kLongest = 24;
  return "\"" + std::string(cell.substr(0, kLongest)) + (cell.size() > kLongest ? "..." : "") + "\"";
}

// "x,y" and "x and y"; "x1,x2,y" and "x1, x2 and y".
std::string header_of(std::initializer_list<std::string_view> names) {
  std::string header;
  for (const std::string_view name : names) header += (header.empty() ? "" : ",") + std::string(name);
  return header;
}
std::string listed(std::initializer_list<std::string_view> names) {
  std::string list;
  std::size_t i = 0;
  for (const std::string_view name : names) {
    if (i + 1 == names.size() && i > 0) return tr_format("{0} and {1}", {list, name});
    list += (i == 0 ? "" : ", ") + std::string(name);
    ++i;
  }
  return list;
}

// The non-blank lines of a text, each with its number.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);  // a UTF-8 byte-order mark
  }
  bool next(std::string_view& line) {
    while (pos_ < text_.size()) {
      std::size_t end = text_.find('\n', pos_);
      if (end == std::string_view::npos) end = text_.size();
      line = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++number_;
      if (!trim(line).empty()) return true;
    }
    return false;
  }
  std::string where() const { return tr_format("line {0}", {std::to_string(number_)}); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

std::size_t find_column(const std::vector<std::string_view>& header, std::string_view name, const Lines& lines,
                        std::initializer_list<std::string_view> names) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != name) continue;
    if (found) throw DataError(lines.where() + ": " + tr_format("the column \"{0}\" appears twice", {name}));
    found = i;
  }
  if (!found)
    throw DataError(lines.where() + ": " +
                    tr_format("no column \"{0}\" in the header (it needs {1}, for example: {2})",
                              {name, listed(names), header_of(names)}));
  return *found;
}

double read_cell(std::string_view cell, std::string_view name, const Lines& lines) {
  const std::optional<double> read = parse_number(cell.starts_with('+') ? cell.substr(1) : cell);
  const double v = read.value_or(std::nan(""));
  const std::string where = tr_format("{0}, column {1}", {lines.where(), name}) + ": ";
  if (!std::isfinite(v)) throw DataError(where + tr_format("not a number: {0}", {shown(cell)}));
  if (std::fabs(v) > kMaxDataValue) throw DataError(where + tr_format("{0} is beyond 1e9", {shown(cell)}));
  return v;
}

}  // namespace

std::vector<std::vector<double>> read_data_columns(std::string_view text, std::initializer_list<std::string_view> names,
                                                   std::size_t max_rows) {
  Lines lines(text);
  std::string_view line;
  if (!lines.next(line))
    throw DataError(tr_format("empty: a data file needs a header line {0} and rows of numbers", {header_of(names)}));
  const std::vector<std::string_view> header = split_cells(line);
  std::vector<std::size_t> at;
  for (const std::string_view name : names) at.push_back(find_column(header, name, lines, names));
  std::vector<std::vector<double>> columns(names.size());
  while (lines.next(line)) {
    if (columns[0].size() == max_rows)
      throw DataError(tr_format("too many rows: more than {0}", {std::to_string(max_rows)}));
    const std::vector<std::string_view> cells = split_cells(line);
    if (cells.size() != header.size())
      throw DataError(lines.where() + ": " +
                      tr_format("{0} cells, but the header has {1}",
                                {std::to_string(cells.size()), std::to_string(header.size())}));
    std::size_t c = 0;
    for (const std::string_view name : names) {
      columns[c].push_back(read_cell(cells[at[c]], name, lines));
      ++c;
    }
  }
  if (columns[0].empty()) throw DataError(tr("no rows: a data file needs rows of numbers under its header"));
  return columns;
}

std::vector<std::vector<double>> load_data_columns(const std::filesystem::path& path,
                                                   std::initializer_list<std::string_view> names,
                                                   std::size_t max_rows) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw DataError(name + ": " + tr("no such file"));
  if (!std::filesystem::is_regular_file(status))
    throw DataError(name + ": " + tr("not a regular file, so not a data file"));
  if (std::filesystem::file_size(path, ec) > kMaxDataFileBytes)
    throw DataError(
        name + ": " +
        tr_format("too large for a data file (more than {0} MB)", {std::to_string(kMaxDataFileBytes >> 20)}));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(name + ": " + tr("cannot read it"));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return read_data_columns(text.str(), names, max_rows);
  } catch (const DataError& e) {
    throw DataError(name + ": " + e.what());
  }
}

std::string find_row_problem(std::initializer_list<const std::vector<double>*> columns,
                             const std::vector<double>* labels) {
  const std::size_t rows = (*columns.begin())->size();
  for (std::size_t i = 0; i < rows; ++i) {
    for (const std::vector<double>* column : columns)
      if (const double v = (*column)[i]; !std::isfinite(v) || std::fabs(v) > kMaxDataValue)
        return tr_format("row {0}: values must be finite and within 1e9", {std::to_string(i + 1)});
    if (labels && (*labels)[i] != 0 && (*labels)[i] != 1) {
      std::array<char, 32> v{};
      std::snprintf(v.data(), v.size(), "%.17g", (*labels)[i]);
      return tr_format("row {0}: a logistic label y must be 0 or 1, got {1}", {std::to_string(i + 1), v.data()});
    }
  }
  return "";
}

}  // namespace optviz
