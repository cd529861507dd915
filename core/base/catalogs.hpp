// The compiled catalogs built into the program (catalogs.cpp, generated at build time from po/*.po by
// msgfmt and po/embed_catalogs.cmake) and their reader. For translate.cpp and its tests.
#pragma once

#include <cstddef>
#include <vector>

namespace optviz::catalogs {

struct Compiled {
  const char* language;        // "zh_CN"
  const unsigned char* bytes;  // the .mo file
  std::size_t size;
};
extern const Compiled kCompiled[];
extern const std::size_t kCount;

// A .mo file (GNU gettext's manual, "The Format of GNU MO Files"): a header of 32-bit words (the
// magic number, the revision, the count N, the offsets of the tables of originals and of
// translations), then the tables, each N pairs of (length, offset) pointing at NUL-terminated
// strings, the originals sorted by their bytes. The program's own catalogs are read, but every
// offset is checked all the same: a file that is not one gives an empty catalog, never a read out
// of bounds. The bytes must outlive the catalog.
class Catalog {
 public:
  struct Message {
    const char* english;
    const char* translation;
  };
  Catalog() = default;
  Catalog(const unsigned char* bytes, std::size_t size);
  // The translation of `english`, or nullptr. The header (the empty original) is not a message.
  const char* find(const char* english) const;
  // Every message, the header first.
  const std::vector<Message>& messages() const { return messages_; }

 private:
  static bool less(const Message& a, const Message& b);
  std::vector<Message> messages_;
};

}  // namespace optviz::catalogs
