#version 330 core
// The heatmap: the colour-scale position t sampled from the grid that core computed, coloured
// through the colour table, with contour lines at t = k / contour_count drawn with a constant
// width in pixels (fwidth), faded out where they would crowd closer than about two pixels.
in vec2 uv;
out vec4 colour;

uniform sampler2D grid;          // t in [0, 1], one channel
uniform sampler2D colour_table;  // kColourTableSize x 1, RGBA
uniform float table_size;
uniform float contour_count;     // below 2: no lines
uniform float line_width;        // pixels

void main() {
  float t = clamp(texture(grid, uv).r, 0.0, 1.0);
  vec3 c = texture(colour_table, vec2((t * (table_size - 1.0) + 0.5) / table_size, 0.5)).rgb;
  if (contour_count >= 2.0) {
    float level = t * contour_count;
    float to_line = abs(fract(level + 0.5) - 0.5);  // distance to the nearest level, in levels
    float per_pixel = max(fwidth(level), 1e-7);     // levels per pixel
    float line = 1.0 - smoothstep(0.5 * line_width - 0.5, 0.5 * line_width + 0.5, to_line / per_pixel);
    line *= step(0.5, level) * step(level, contour_count - 0.5);  // no line at the ends of the scale
    line *= clamp(1.5 - 2.0 * per_pixel, 0.0, 1.0);
    float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
    vec3 ink = luma < 0.35 ? vec3(1.0) : vec3(0.0);
    c = mix(c, ink, 0.28 * line);
  }
  colour = vec4(c, 1.0);
}
