#include "scenario_link.hpp"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int kRawDeflate = -15;  // negative window bits: no zlib header, no checksum

std::runtime_error not_a_link(const std::string& why) {
  return std::runtime_error(tr_format("not a scenario link: {0}", {why}));
}

std::string base64url(const std::vector<unsigned char>& bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t bits = 0;
  int count = 0;
  for (const unsigned char b : bytes) {
    bits = (bits << 8) | b;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63u];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63u];
  return out;
}

std::vector<unsigned char> from_base64url(std::string_view code) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    value[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  std::vector<unsigned char> out;
  out.reserve(code.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const int v = value[static_cast<unsigned char>(code[i])];
    if (v < 0) {
      const unsigned char c = static_cast<unsigned char>(code[i]);
      const std::string shown =
          c >= 32 && c < 127 ? std::string("'") + code[i] + "'" : tr_format("byte {0}", {std::to_string(c)});
      throw not_a_link(tr_format("the character {0} at {1} is not base64url", {shown, std::to_string(i)}));
    }
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<unsigned char>((bits >> count) & 0xffu));
    }
  }
  // A last group of one character holds 6 bits: less than a byte.
  if (code.size() % 4 == 1)
    throw not_a_link(tr_format("its length {0} is not one of base64url", {std::to_string(code.size())}));
  return out;
}

}  // namespace

std::string scenario_link_code(std::string_view json) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kRawDeflate, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error(tr("cannot compress the scenario: out of memory"));
  std::vector<unsigned char> out(deflateBound(&z, static_cast<uLong>(json.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(json.data()));
  z.avail_in = static_cast<uInt>(json.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (result != Z_STREAM_END) throw std::runtime_error(tr("cannot compress the scenario"));
  return base64url(out);
}

std::string scenario_link_json(std::string_view code) {
  if (code.empty()) throw not_a_link(tr("it is empty"));
  const std::vector<unsigned char> packed = from_base64url(code);
  z_stream z{};
  if (inflateInit2(&z, kRawDeflate) != Z_OK)
    throw std::runtime_error(tr("cannot decompress the scenario: out of memory"));
  z.next_in = const_cast<Bytef*>(packed.data());
  z.avail_in = static_cast<uInt>(packed.size());
  std::string json;
  std::array<unsigned char, 16384> chunk{};
  int result = Z_OK;
  while (result != Z_STREAM_END) {
    z.next_out = chunk.data();
    z.avail_out = static_cast<uInt>(chunk.size());
    result = inflate(&z, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END) {
      const std::string why =
          result == Z_BUF_ERROR ? tr("it ends too early") : (z.msg != nullptr ? z.msg : tr("bad data"));
      inflateEnd(&z);
      throw not_a_link(tr_format("damaged ({0})", {why}));
    }
    json.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - z.avail_out);
    if (json.size() > kMaxScenarioFileBytes) {
      inflateEnd(&z);
      throw not_a_link(tr_format("more than {0} MB once decompressed", {std::to_string(kMaxScenarioFileBytes >> 20)}));
    }
  }
  const bool trailing = z.avail_in != 0;
  inflateEnd(&z);
  if (trailing) throw not_a_link(tr("damaged (data after its end)"));
  return json;
}

}  // namespace optviz
