// The one reader of numeric data files, shared by the 2D data losses (columns x, y: dataset.hpp)
// and the networks' data (x1, x2, y: net_data.hpp), so that both give the same messages: a header
// naming the columns (others are ignored, a UTF-8 byte-order mark and blank lines are skipped), then
// rows of numbers (spaces, CRLF and a leading + are fine), each within kMaxDataValue, at most
// max_rows of them, in a file of at most kMaxDataFileBytes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"  // DataError and the limits

namespace optviz {

// The named columns, in the order of `names`, each with one value per row. Throws DataError:
// "line 4, column y: not a number: \"abc\"", "line 1: no column \"y\" in the header (it needs x and
// y, for example: x,y)", "too many rows: more than 100000", ...
std::vector<std::vector<double>> read_data_columns(std::string_view text, std::initializer_list<std::string_view> names,
                                                   std::size_t max_rows);
// The same from a file; every message starts with the path.
std::vector<std::vector<double>> load_data_columns(const std::filesystem::path& path,
                                                   std::initializer_list<std::string_view> names, std::size_t max_rows);

// The first row whose values are not finite or beyond kMaxDataValue, or whose label (`labels`, when
// given) is not 0 or 1, as a message ("row 3: a logistic label y must be 0 or 1, got 0.5"); "" when
// none. All columns have the same length.
std::string find_row_problem(std::initializer_list<const std::vector<double>*> columns,
                             const std::vector<double>* labels);

}  // namespace optviz
