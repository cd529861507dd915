#version 330 core
// The surface of the 3D view: world positions and normals from the mesh (app/geometry/surface_mesh),
// and each vertex's colour-scale position t, which the fragment shader colours as the heatmap does.
layout(location = 0) in vec3 position;
layout(location = 1) in vec3 normal;
layout(location = 2) in float t;

uniform mat4 view_projection;

out vec3 surface_normal;
out float scale_position;

void main() {
  surface_normal = normal;
  scale_position = t;
  gl_Position = view_projection * vec4(position, 1.0);
}
