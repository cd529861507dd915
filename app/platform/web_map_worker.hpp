// The page's map worker (map_worker.hpp): a Web Worker running app/platform/map_worker_main.cpp, from
// optviz_worker.js beside the page or, in the page as one file (scripts/web_single_file.py), from the
// script inside it. Null when the page cannot start one (a page opened from file:// without the
// script inside it: the browser refuses it), and then the maps are computed between frames.
#pragma once

#include <memory>

#include "map_worker.hpp"

namespace optviz::gui {

std::shared_ptr<MapWorker> open_web_map_worker();

}  // namespace optviz::gui
