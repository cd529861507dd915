// The page's map worker: a second WebAssembly module, core alone, that runs in a Web Worker and
// computes the sweep and basin maps the page asks for, block by block (core/scenario/map_message.hpp),
// so that the page's frames stay short and a newer map supersedes an older one between two blocks.
// Built with Emscripten's -sBUILD_AS_WORKER: each message {funcName, callbackId, data} calls the
// exported function it names with its bytes (app/platform/web_map_worker.cpp sends them):
//   optviz_map_start  job (32 bits, little-endian), then the request (map_request's JSON)
//   optviz_map_block  job, block (32 bits each); answers with the block's message or an error message
//   optviz_map_end    job: the page wants no more of it
#include <emscripten.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "map_message.hpp"

namespace {

optviz::MapServer server;

std::uint32_t read_u32(const char* data, int at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(data[at + i]);
  return value;
}

void respond(std::vector<std::uint8_t> answer) {
  emscripten_worker_respond(reinterpret_cast<char*>(answer.data()), static_cast<int>(answer.size()));
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void optviz_map_start(char* data, int size) {
  if (data == nullptr || size < 4) return;
  server.start(read_u32(data, 0), std::string_view(data + 4, static_cast<std::size_t>(size - 4)));
}

EMSCRIPTEN_KEEPALIVE void optviz_map_block(char* data, int size) {
  if (data == nullptr || size != 8) {
    respond(optviz::error_message(0, "a block message of " + std::to_string(size) + " bytes, not 8"));
    return;
  }
  respond(server.answer(read_u32(data, 0), read_u32(data, 4)));
}

EMSCRIPTEN_KEEPALIVE void optviz_map_end(char* data, int size) {
  if (data != nullptr && size == 4) server.end(read_u32(data, 0));
}

}  // extern "C"
