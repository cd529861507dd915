// Each enumeration's names, one table for its name() and find_*() (net_data, network, plane).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace optviz {

template <typename Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
std::string_view name_in(const Names<Enum, N>& names, Enum e) {
  for (const auto& [value, text] : names)
    if (value == e) return text;
  return "";
}

template <typename Enum, std::size_t N>
std::optional<Enum> find_in(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [value, spelled] : names)
    if (spelled == text) return value;
  return std::nullopt;
}

}  // namespace optviz
