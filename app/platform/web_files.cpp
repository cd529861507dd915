// The page's files (file_access.hpp): the browser's file picker for the open dialogs, downloads for
// every file written. Files live in Emscripten's in-memory file system: a picked file is copied
// there (under /picked) before the app opens it, and a written one is downloaded, then removed.
#include <emscripten.h>

#include <array>
#include <filesystem>
#include <string>
#include <system_error>

#include "file_access.hpp"

namespace optviz::gui {
namespace {

enum class Picked : int { none = -1, scenario = 0, data = 1 };

// Opens the browser's file picker; the file chosen is written to /picked/NAME and queued.
// Browsers allow this within a few seconds of a click or key press, which is what opens the dialog.
// clang-format off
EM_JS(void, web_open_picker, (int kind, const char* accept), {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = UTF8ToString(accept);
  input.onchange = function() {
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function(buffer) {
      try { FS.mkdir('/picked'); } catch (e) {}
      var path = '/picked/' + file.name.split('/').join('_');
      FS.writeFile(path, new Uint8Array(buffer));
      (Module.optvizPicked = Module.optvizPicked || []).push({kind: kind, path: path});
    });
  };
  input.click();
});
// clang-format on

// The next picked file: its kind (-1 when none) and its path into `buffer`.
// clang-format off
EM_JS(int, web_take_picked, (char* buffer, int size), {
  var queue = Module.optvizPicked;
  if (!queue || queue.length == 0) return -1;
  var next = queue.shift();
  stringToUTF8(next.path, buffer, size);
  return next.kind;
});
// clang-format on

// clang-format off
EM_JS(void, web_download, (const char* path, const char* name), {
  var file = UTF8ToString(path);
  var data = FS.readFile(file);
  var types = {png: 'image/png', gif: 'image/gif', json: 'application/json', csv: 'text/csv'};
  var type = types[file.split('.').pop().toLowerCase()] || 'application/octet-stream';
  var url = URL.createObjectURL(new Blob([data], {type: type}));
  var link = document.createElement('a');
  link.href = url;
  link.download = UTF8ToString(name);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});
// clang-format on

// The open dialogs as they were in the last frame: the picker opens when one of them opens.
struct DialogsSeen {
  bool open_file = false;
  bool open_data = false;
};
DialogsSeen seen;

void download(const std::filesystem::path& path) {
  web_download(path.c_str(), path.filename().c_str());
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

}  // namespace

void pick_files(AppState& state) {
  Dialogs& d = state.view.dialogs;
  if (d.open_file && !seen.open_file)
    web_open_picker(static_cast<int>(Picked::scenario), ".json,.png,application/json,image/png");
  if (d.open_data && !seen.open_data) web_open_picker(static_cast<int>(Picked::data), ".csv,text/csv");
  std::array<char, 1024> path{};
  for (int kind;
       (kind = web_take_picked(path.data(), static_cast<int>(path.size()))) != static_cast<int>(Picked::none);) {
    if (kind == static_cast<int>(Picked::scenario)) {
      d.scenario_path = path.data();
      state.view.requests.open_scenario = true;
    } else {
      d.data_path = path.data();  // the dialog stays open for the choice of loss
      d.open_data = true;
    }
  }
  seen = {d.open_file, d.open_data};
}

void deliver_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
      if (entry.is_regular_file(ec)) download(entry.path());
    return;
  }
  if (std::filesystem::is_regular_file(path, ec)) download(path);
}

}  // namespace optviz::gui
