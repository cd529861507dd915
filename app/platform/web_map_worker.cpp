#include "web_map_worker.hpp"

#include <emscripten.h>

#include <string>
#include <utility>

namespace optviz::gui {
namespace {

// How many blocks the page asks for ahead of the answers: the worker never waits for a frame of the
// page (its answers are read between frames), and a superseded job computes at most these.
constexpr int kBlocksAhead = 4;
// A worker that has not answered for this long while asked is taken for failed.
constexpr double kWorkerPatienceMs = 15000;

// Module.optvizMapWorker: the worker, and per job its blocks, the next to ask for, those asked
// and not answered, and the answers not yet taken. The messages are those of Emscripten's
// -sBUILD_AS_WORKER ({funcName, callbackId, data} in, {callbackId, finalResponse, data} out).
// clang-format off
EM_JS(int, web_map_worker_open, (int ahead, double patience), {
  var url = 'optviz_worker.js';
  var worker;
  try {
    var inside = document.getElementById('optviz-map-worker');
    if (inside) url = URL.createObjectURL(new Blob([inside.textContent], {type: 'text/javascript'}));
    worker = new Worker(url);
  } catch (e) {
    console.warn('optviz: no worker for the maps (' + e + '): they are computed between frames');
    return 0;
  }
  var m = Module.optvizMapWorker = {worker: worker, jobs: {}, failed: false, heard: 0, ahead: ahead, patience: patience};
  m.send = function(name, words, text) {
    var bytes = new Uint8Array(4 * words.length + (text ? text.length : 0));
    var view = new DataView(bytes.buffer);
    words.forEach(function(w, i) { view.setUint32(4 * i, w, true); });
    if (text) bytes.set(text, 4 * words.length);
    worker.postMessage({funcName: name, callbackId: 0, data: bytes}, [bytes.buffer]);
  };
  m.ask = function(id) {
    var job = m.jobs[id];
    if (job.waiting == 0) m.heard = performance.now();
    for (; job.waiting < m.ahead && job.next < job.blocks; ++job.next, ++job.waiting) m.send('optviz_map_block', [id, job.next]);
  };
  worker.onmessage = function(e) {
    m.heard = performance.now();
    var bytes = new Uint8Array(e.data.data);
    var job = m.jobs[new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true)];
    if (!job) return;
    job.answers.push(bytes);
    --job.waiting;
    m.ask(job.id);
  };
  worker.onerror = function(e) {
    console.warn('optviz: the worker of the maps failed (' + (e.message || 'it did not load') + '): they are computed between frames');
    m.failed = true;
    e.preventDefault();
  };
  return 1;
});
EM_JS(void, web_map_worker_start, (int id, const char* request, int size, int blocks), {
  var m = Module.optvizMapWorker;
  m.jobs[id] = {id: id, blocks: blocks, next: 0, waiting: 0, answers: []};
  m.send('optviz_map_start', [id], HEAPU8.slice(request, request + size));
  m.ask(id);
});
EM_JS(void, web_map_worker_end, (int id), {
  var m = Module.optvizMapWorker;
  delete m.jobs[id];
  m.send('optviz_map_end', [id]);
});
// The size of the job's next answer, or -1 when there is none; then the answer into `out`.
EM_JS(int, web_map_worker_answer_size, (int id), {
  var job = Module.optvizMapWorker.jobs[id];
  return job && job.answers.length > 0 ? job.answers[0].length : -1;
});
EM_JS(void, web_map_worker_take, (int id, char* out), {
  HEAPU8.set(Module.optvizMapWorker.jobs[id].answers.shift(), out);
});
EM_JS(int, web_map_worker_failed, (), {
  var m = Module.optvizMapWorker;
  var asked = Object.keys(m.jobs).some(function(id) { return m.jobs[id].waiting > 0; });
  return m.failed || (asked && performance.now() - m.heard > m.patience) ? 1 : 0;
});
// clang-format on

class WebMapWorker final : public MapWorker {
 public:
  std::uint32_t start(const std::string& request, std::size_t blocks) override {
    const std::uint32_t job = next_job_++;
    web_map_worker_start(static_cast<int>(job), request.data(), static_cast<int>(request.size()),
                         static_cast<int>(blocks));
    return job;
  }
  void end(std::uint32_t job) override { web_map_worker_end(static_cast<int>(job)); }
  std::vector<std::vector<std::uint8_t>> take(std::uint32_t job) override {
    std::vector<std::vector<std::uint8_t>> out;
    for (int size; (size = web_map_worker_answer_size(static_cast<int>(job))) >= 0;) {
      out.emplace_back(static_cast<std::size_t>(size));
      web_map_worker_take(static_cast<int>(job), reinterpret_cast<char*>(out.back().data()));
    }
    return out;
  }
  bool failed() const override { return web_map_worker_failed() != 0; }

 private:
  std::uint32_t next_job_ = 1;
};

}  // namespace

std::shared_ptr<MapWorker> open_web_map_worker() {
  if (web_map_worker_open(kBlocksAhead, kWorkerPatienceMs) == 0) return nullptr;
  return std::make_shared<WebMapWorker>();
}

}  // namespace optviz::gui
