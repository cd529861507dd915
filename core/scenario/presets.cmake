# Embeds the lesson presets of assets/scenarios into optviz_scenario (see presets.hpp).
set(OPTVIZ_PRESET_FILES
  01-learning-rate.json
  02-learning-rate-limit.json
  03-adagrad-vs-rmsprop.json
  04-axis-aligned-bowl.json
  05-rotated-bowl.json
  06-rmsprop-rho.json
  07-epsilon.json
  08-kick-at-the-minimum.json
  09-rmsprop-momentum.json
  10-centered-rmsprop.json
  11-adam-bias-correction.json
  12-adam-momentum-averages.json
  13-noise-floor.json
  14-warmup.json
  15-linear-regression-valley.json
  16-logistic-regression.json
  17-sweep-map.json
  18-mistakes-root.json
  19-mistakes-gradient.json
  20-mistakes-epsilon.json
  21-mistakes-eps-inside.json
  22-network-spiral.json
  23-network-step-sizes.json
  24-network-adam-momentum.json
  25-network-landscape.json
)
set(preset_dir ${PROJECT_SOURCE_DIR}/assets/scenarios)
list(TRANSFORM OPTVIZ_PRESET_FILES PREPEND ${preset_dir}/ OUTPUT_VARIABLE preset_paths)
string(JOIN "," preset_names ${OPTVIZ_PRESET_FILES})
set(embedded ${CMAKE_CURRENT_BINARY_DIR}/embedded_presets.cpp)
add_custom_command(
  OUTPUT ${embedded}
  COMMAND ${CMAKE_COMMAND} -DINPUT_DIR=${preset_dir} -DFILES=${preset_names} -DOUTPUT=${embedded}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_presets.cmake
  DEPENDS ${preset_paths} ${CMAKE_CURRENT_LIST_DIR}/embed_presets.cmake
  COMMENT "Embedding the lesson presets"
  VERBATIM)
target_sources(optviz_scenario PRIVATE ${embedded})
