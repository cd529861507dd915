# Embeds the lesson presets of assets/scenarios into optviz_core (see presets.hpp).
set(OPTVIZ_PRESET_FILES
  01-adagrad-vs-rmsprop.json
  02-rmsprop-rho.json
  03-epsilon.json
  04-adam-bias-correction.json
  05-momentum-rosenbrock.json
  06-saddle.json
  07-scaling-quadratic.json
  08-scaling-matyas.json
  09-beale.json
  10-rastrigin.json
  13-minibatch-noise.json
  14-warmup-cosine.json
  16-linear-regression-valley.json
  17-logistic-regression.json
  18-sweep-map.json
  19-mistakes-root.json
  20-mistakes-gradient.json
  21-mistakes-epsilon.json
  22-mistakes-eps-inside.json
)
set(preset_dir ${PROJECT_SOURCE_DIR}/assets/scenarios)
list(TRANSFORM OPTVIZ_PRESET_FILES PREPEND ${preset_dir}/ OUTPUT_VARIABLE preset_paths)
string(JOIN "," preset_names ${OPTVIZ_PRESET_FILES})
set(embedded ${CMAKE_CURRENT_BINARY_DIR}/embedded_presets.cpp)
add_custom_command(
  OUTPUT ${embedded}
  COMMAND ${CMAKE_COMMAND} -DINPUT_DIR=${preset_dir} -DFILES=${preset_names} -DOUTPUT=${embedded}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/embed_presets.cmake
  DEPENDS ${preset_paths} ${CMAKE_CURRENT_SOURCE_DIR}/embed_presets.cmake
  COMMENT "Embedding the lesson presets"
  VERBATIM)
target_sources(optviz_core PRIVATE ${embedded})
