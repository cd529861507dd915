#include "fuzz_support.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <system_error>

namespace optviz::fuzz {
namespace {

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "optviz-fuzz-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::fprintf(stderr, "fuzz: cannot create a temporary directory: %s\n", std::strerror(errno));
    std::abort();
  }
  return pattern;
}

void remove_temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir(), ignored);
}

int open_dev_null() {
  const int fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "fuzz: cannot open /dev/null: %s\n", std::strerror(errno));
    std::abort();
  }
  return fd;
}

void flush_all() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
}

}  // namespace

const std::filesystem::path& temp_dir() {
  // Allocated once and never destroyed: remove_temp_dir still needs it at exit.
  static const std::filesystem::path* const dir = [] {
    const auto* made = new std::filesystem::path(make_temp_dir());
    std::atexit(remove_temp_dir);
    return made;
  }();
  return *dir;
}

QuietOutput::QuietOutput() : saved_out_(::dup(1)), saved_err_(::dup(2)) {
  static const int dev_null = open_dev_null();
  flush_all();
  ::dup2(dev_null, 1);
  ::dup2(dev_null, 2);
  // A stream left failed by an earlier input would change how this one behaves.
  std::cout.clear();
  std::cerr.clear();
}

QuietOutput::~QuietOutput() {
  flush_all();
  ::dup2(saved_out_, 1);
  ::dup2(saved_err_, 2);
  ::close(saved_out_);
  ::close(saved_err_);
  std::cout.clear();
  std::cerr.clear();
}

}  // namespace optviz::fuzz
