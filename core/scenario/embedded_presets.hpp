// The preset files embedded at build time by core/scenario/embed_presets.cmake (the generated
// embedded_presets.cpp defines preset_files()).
#pragma once

#include <span>
#include <string_view>

namespace optviz::detail {

struct EmbeddedFile {
  std::string_view name;  // "01-adagrad-vs-rmsprop.json"
  std::string_view text;
};

std::span<const EmbeddedFile> preset_files();

}  // namespace optviz::detail
