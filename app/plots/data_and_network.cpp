#include "data_and_network.hpp"

#include <algorithm>

namespace optviz::gui {

NetworkMaps network_maps(const NetStart& start, bool playground, std::span<const double> theta) {
  const Box box = data_box(start.sets.train, start.sets.test, playground);
  return {unit_maps(start.net, theta, start.sets.features, box, 100, UnitMapLayers::output),
          unit_maps(start.net, theta, start.sets.features, box, 20, UnitMapLayers::every)};
}

std::optional<DiagramHit> draw_network_picture(ImDrawList& dl, PixelRect area, const NetworkPicture& picture,
                                               const CanvasStyle& style, std::optional<Point2> mouse,
                                               DiagramLayout* layout_out) {
  const NetStart& start = *picture.start;
  const float w = area.width(), h = area.height();
  // Side by side when the area is wide, the network above the data otherwise.
  const bool beside = w > 1.25f * h;
  const float side = beside ? std::min(h, w * 0.5f) : std::min(w, h * 0.6f);
  const PixelRect diagram_area = beside ? PixelRect{area.x0, area.y0, area.x1 - side, area.y1}
                                        : PixelRect{area.x0, area.y0, area.x1, area.y1 - side};
  const ImVec2 plot_origin =
      beside ? ImVec2(area.x1 - side, area.y0) : ImVec2(area.x0 + (w - side) / 2, area.y1 - side);
  draw_boundary_plot(dl, plot_origin, ImVec2(side, side),
                     {&start.sets.train, &start.sets.test, start.net.spec().loss, picture.maps->output.box,
                      &picture.maps->output, picture.title},
                     style);
  const NetworkDiagram diagram{&start.net,
                               picture.theta,
                               start.sets.features,
                               &picture.maps->units,
                               value_scale(start.net.spec().loss, start.sets.train, start.sets.test),
                               picture.selected};
  return draw_network_diagram(dl, diagram_area, diagram, style, mouse, layout_out);
}

}  // namespace optviz::gui
