// Writing files so that a failure leaves nothing half-written: the text goes to a temporary file
// beside the target, which is renamed over it only once everything was written and flushed.
#pragma once

#include <filesystem>
#include <string_view>

namespace optviz {

// Throws std::runtime_error("cannot write PATH: REASON") on failure, leaving no partial file.
// A target under /dev or /proc (/dev/stdout, /dev/full), or that exists and is not a regular file
// (a pipe), is written in place; through a symbolic link, the file it names is replaced and the
// link stays.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace optviz
