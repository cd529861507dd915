#version 330 core
// The lit surface: the heatmap's colour table and contour lines (heatmap.frag) at the same
// colour-scale position, times Lambert's diffuse light plus an ambient part, lit on both sides.
in vec3 surface_normal;
in float scale_position;
out vec4 colour;

uniform sampler2D colour_table;  // kColourTableSize x 1, RGBA
uniform float table_size;
uniform float contour_count;     // below 2: no lines
uniform float line_width;        // pixels
uniform vec3 light;              // unit vector towards the light
uniform float ambient;           // the light's share that reaches every face

void main() {
  float t = clamp(scale_position, 0.0, 1.0);
  vec3 c = texture(colour_table, vec2((t * (table_size - 1.0) + 0.5) / table_size, 0.5)).rgb;
  if (contour_count >= 2.0) {
    float level = t * contour_count;
    float to_line = abs(fract(level + 0.5) - 0.5);
    float per_pixel = max(fwidth(level), 1e-7);
    float line = 1.0 - smoothstep(0.5 * line_width - 0.5, 0.5 * line_width + 0.5, to_line / per_pixel);
    line *= step(0.5, level) * step(level, contour_count - 0.5);
    line *= clamp(1.5 - 2.0 * per_pixel, 0.0, 1.0);
    float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
    vec3 ink = luma < 0.35 ? vec3(1.0) : vec3(0.0);
    c = mix(c, ink, 0.28 * line);
  }
  float diffuse = abs(dot(normalize(surface_normal), light));
  colour = vec4(c * (ambient + (1.0 - ambient) * diffuse), 1.0);
}
