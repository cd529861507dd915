// What the tests that drive the optviz executable share: running a program as a child process
// with its output captured and a time limit, the way a user's shell would; temporary directories;
// whole files read and written.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optviz::testing {

// Where the child's standard output goes.
enum class Stdout { capture, dev_full, closed };

struct ProcessOptions {
  // Variables to set (a value) or remove (std::nullopt) in the child's environment.
  std::map<std::string, std::optional<std::string>> environment;
  Stdout stdout_to = Stdout::capture;
  std::chrono::seconds time_limit{60};
};

struct ProcessResult {
  int exit_code = -1;  // the exit status, or -1 when the child was killed by a signal
  int signal = 0;      // the signal that ended it, or 0
  bool timed_out = false;
  std::string out;  // standard output (empty unless captured)
  std::string err;  // standard error
};

// Runs `program` with `args` (argv[1..]), waits for it and returns what it printed. A child that
// outlives the time limit is killed and reported as timed out. Throws std::runtime_error when the
// child cannot be started.
ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const ProcessOptions& options = {});

// The whole file, or "" when it cannot be read.
std::string read_file(const std::filesystem::path& path);
// Creates or replaces the file; throws std::runtime_error on failure.
void write_file(const std::filesystem::path& path, std::string_view text);

// A fresh empty directory under the system's temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // The text with its first "{dir}" replaced by the directory's path (a table's row names its files).
  std::string in_dir(std::string text) const {
    if (const auto at = text.find("{dir}"); at != std::string::npos) text.replace(at, 5, path_.string());
    return text;
  }
  // The names of the entries in the directory (or in `dir`), sorted.
  std::vector<std::string> entries() const { return entries_of(path_); }
  static std::vector<std::string> entries_of(const std::filesystem::path& dir);

 private:
  std::filesystem::path path_;
};

}  // namespace optviz::testing
