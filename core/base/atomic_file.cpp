#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "translate.hpp"

namespace optviz {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
  throw std::runtime_error(tr_format("cannot write {0}: {1}", {path.string(), std::strerror(error)}));
}

// Writes everything to fd; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view contents) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    contents.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// Where a write to `path` lands: the file a symbolic link names (so that the link stays a link),
// else the path itself.
std::filesystem::path resolve_links(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return path;
  std::filesystem::path target = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : target;
}

// /dev/stdout, /proc/self/fd/N and their kin stand for a file the process has open (a pipe, a
// terminal, or a file the shell opened): they are written through, never replaced.
bool is_process_file(const std::filesystem::path& path) {
  const std::string text = path.lexically_normal().string();
  return text.starts_with("/dev/") || text.starts_with("/proc/");
}

// Writes through an existing file that is not a regular one, or a process file.
void write_in_place(const std::filesystem::path& path, std::string_view contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) fail(path, errno);
  const int error = write_all(fd, contents);
  const int close_error = ::close(fd) == 0 ? 0 : errno;
  if (error != 0 || close_error != 0) fail(path, error != 0 ? error : close_error);
}

// Writes a temporary file beside `target` and renames it over `target`; messages name `path`.
void write_replacing(const std::filesystem::path& target, const std::filesystem::path& path,
                     std::string_view contents) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail(path, errno);
  // mkstemp creates the file 0600; give it the permissions a plain open() would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  int error = ::fchmod(fd, 0666 & ~mask) == 0 ? 0 : errno;
  if (error == 0) error = write_all(fd, contents);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(name.data(), target.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(name.data());
    fail(path, error);
  }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) fail(path, EISDIR);
  if (is_process_file(path) || (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)))
    return write_in_place(path, contents);
  write_replacing(resolve_links(path), path, contents);
}

}  // namespace optviz
