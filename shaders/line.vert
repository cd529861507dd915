#version 330 core
// Lines of a constant width in pixels in the 3D view (the paths, the base's outline): each segment
// a-b is a quad of 6 vertices, pushed sideways on screen by half the width and lengthened by half
// the width at both ends so that consecutive segments leave no gap. Depth-tested against the surface.
layout(location = 0) in vec3 a;
layout(location = 1) in vec3 b;
layout(location = 2) in vec2 corner;  // x: 0 at a, 1 at b; y: -1 or 1, the side
layout(location = 3) in float width;  // pixels
layout(location = 4) in vec4 line_colour;

uniform mat4 view_projection;
uniform vec2 viewport;  // pixels
uniform vec3 eye;
uniform float pull;     // world units towards the eye: a line in a narrow valley stays in front of its walls

out vec4 colour;

void main() {
  vec4 ca = view_projection * vec4(a + pull * normalize(eye - a), 1.0);
  vec4 cb = view_projection * vec4(b + pull * normalize(eye - b), 1.0);
  colour = line_colour;
  if (ca.w <= 1e-6 || cb.w <= 1e-6) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // behind the camera: outside the view
    return;
  }
  vec2 half_viewport = 0.5 * viewport;
  vec2 d = (cb.xy / cb.w - ca.xy / ca.w) * half_viewport;
  float len = length(d);
  vec2 along = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  vec2 across = vec2(-along.y, along.x);
  vec4 p = corner.x < 0.5 ? ca : cb;
  vec2 offset = 0.5 * width * (across * corner.y + along * (corner.x < 0.5 ? -1.0 : 1.0));
  p.xy += offset / half_viewport * p.w;
  gl_Position = p;
}
