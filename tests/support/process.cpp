#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace optviz::testing {
namespace {

// "NAME=VALUE" entries of this process's environment with the requested changes applied. The
// child speaks English (LANGUAGE=en: the tables hold English messages) unless a change names the
// language (LANGUAGE, LC_ALL, LC_MESSAGES or LANG).
std::vector<std::string> child_environment(std::map<std::string, std::optional<std::string>> changes) {
  if (!changes.contains("LANGUAGE") && !changes.contains("LC_ALL") && !changes.contains("LC_MESSAGES") &&
      !changes.contains("LANG"))
    changes["LANGUAGE"] = "en";
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (changes.count(name) == 0) out.push_back(entry);
  }
  for (const auto& [name, value] : changes)
    if (value) out.push_back(name + "=" + *value);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const ProcessOptions& options) {
  const TempDir capture;
  const std::filesystem::path out_path = capture.path() / "stdout";
  const std::filesystem::path err_path = capture.path() / "stderr";

  std::vector<std::string> argv_strings = {program.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv = pointers(argv_strings);
  std::vector<std::string> env_strings = child_environment(options.environment);
  std::vector<char*> envp = pointers(env_strings);

  // The child reports a failed exec through this pipe, which closes unused on a successful exec.
  int exec_report[2];
  if (::pipe2(exec_report, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(exec_report[0]);
    // In the child only async-signal-safe calls until exec.
    const int null_in = ::open("/dev/null", O_RDONLY);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (null_in < 0 || err < 0) ::_exit(127);
    ::dup2(null_in, 0);
    ::dup2(err, 2);
    switch (options.stdout_to) {
      case Stdout::capture: {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0) ::_exit(127);
        ::dup2(out, 1);
        break;
      }
      case Stdout::dev_full: {
        const int full = ::open("/dev/full", O_WRONLY);
        if (full < 0) ::_exit(127);
        ::dup2(full, 1);
        break;
      }
      case Stdout::closed:
        ::close(1);
        break;
    }
    ::execve(argv[0], argv.data(), envp.data());
    const int error = errno;
    [[maybe_unused]] const auto written = ::write(exec_report[1], &error, sizeof error);
    ::_exit(127);
  }
  ::close(exec_report[1]);
  int exec_error = 0;
  const auto reported = ::read(exec_report[0], &exec_error, sizeof exec_error);
  ::close(exec_report[0]);
  if (reported == sizeof exec_error) {
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error("cannot run " + program.string() + ": " + std::strerror(exec_error));
  }

  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + options.time_limit;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in.peek() != std::ifstream::traits_type::eof()) text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "optviz-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  // A test may have taken the permissions away; give them back so that everything can go.
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::string> TempDir::entries_of(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace optviz::testing
