// What every optviz fuzz target needs: a private temporary directory for the files an input may
// write, and standard output and error silenced around the code under test (libFuzzer's own
// reports still reach the terminal).
#pragma once

#include <filesystem>

namespace optviz::fuzz {

// A directory made on first use and removed when the fuzzer exits.
const std::filesystem::path& temp_dir();

// Sends file descriptors 1 and 2 to /dev/null for its lifetime, then restores them.
class QuietOutput {
 public:
  QuietOutput();
  ~QuietOutput();
  QuietOutput(const QuietOutput&) = delete;
  QuietOutput& operator=(const QuietOutput&) = delete;

 private:
  int saved_out_;
  int saved_err_;
};

}  // namespace optviz::fuzz
