// The command line's tables in both languages: a row run again with LANGUAGE=zh_CN must end the
// same way (the exit code, nothing on standard output) with its message translated: Chinese
// words, and every part of the English message that is not a word kept as it is: the options
// (--eta), the quoted input ("nope"), the commands in backticks, the numbers and the paths.
#pragma once

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "language_scope.hpp"
#include "process.hpp"

namespace optviz::testing {

inline ProcessOptions in_chinese() {
  ProcessOptions options;
  options.environment["LANGUAGE"] = "zh_CN";
  return options;
}

// What a translation keeps of an English message: options, quoted text, commands, numbers, paths.
inline std::vector<std::string> kept_parts(const std::string& english) {
  static const std::regex kept(R"(--[a-z][a-z0-9-]*|"[^"\n]*"|`[^`]*`|/[^\s:,;()]+|[0-9]+(\.[0-9]+)?)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(english.begin(), english.end(), kept); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

// `r` is the row run in Chinese; `english` its English message without "optviz: " and the newline.
inline void check_in_chinese(const ProcessResult& r, int exit_code, const std::string& english) {
  INFO("in Chinese: " << r.err);
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == exit_code);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("optviz: "));
  CHECK(r.err.ends_with("\n"));
  CHECK(r.err != "optviz: " + english + "\n");
  CHECK(has_chinese(r.err));
  for (const std::string& part : kept_parts(english)) {
    INFO(part);
    CHECK(r.err.find(part) != std::string::npos);
  }
}

}  // namespace optviz::testing
