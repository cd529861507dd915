# The page (included by app/CMakeLists.txt under Emscripten): the platform layer with the browser's
# window backend, files and storage instead of the desktop's, and optviz.html (+ .js, .wasm, .data)
# instead of the optviz executable. Every other layer of app/ is the desktop's, unchanged.
add_library(optviz_platform STATIC platform/application.cpp platform/application_exports.cpp
                                   platform/application_window.cpp platform/glfw_setup.cpp platform/settings.cpp
                                   platform/web_files.cpp platform/web_map_worker.cpp)
target_include_directories(optviz_platform PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/platform)
target_link_libraries(optviz_platform PUBLIC optviz_panels optviz_render PkgConfig::GLFW PRIVATE optviz_warnings)

set(OPTVIZ_WEB_SHELL ${CMAKE_CURRENT_SOURCE_DIR}/platform/web_shell.html)
set(OPTVIZ_FONT_DIR /usr/share/fonts/truetype/dejavu)
add_executable(optviz_web platform/web_main.cpp)
set_target_properties(optviz_web PROPERTIES OUTPUT_NAME optviz SUFFIX .html RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
target_link_libraries(optviz_web PRIVATE optviz_platform optviz_warnings)
target_link_options(optviz_web PRIVATE
  "SHELL:--shell-file ${OPTVIZ_WEB_SHELL}"
  -sMINIFY_HTML=0                # Debian's emcc 3.1.6 breaks the shell in its HTML minifier
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=64MB
  -sEXPORTED_FUNCTIONS=_main,_optviz_remember
  # The fonts at the paths the desktop reads them from (app/canvas/fonts.hpp, app/export/raster.cpp).
"SHELL:--preload-file ${OPTVIZ_FONT_DIR}/DejaVuSans.ttf@${OPTVIZ_FONT_DIR}/DejaVuSans.ttf"
  "SHELL:--preload-file ${OPTVIZ_FONT_DIR}/DejaVuSansMono.ttf@${OPTVIZ_FONT_DIR}/DejaVuSansMono.ttf")
set_property(TARGET optviz_web APPEND PROPERTY LINK_DEPENDS ${OPTVIZ_WEB_SHELL})

# The Chinese glyphs: the characters of the catalogs and of the lessons, cut from Noto Sans CJK SC
# (fonts-noto-cjk) by fontTools' subsetter (python3-fonttools): about 300 KB instead of the
# collection's 19 MB. A user's own text beyond them shows as ? on the page (the desktop has the
# whole font).
set(OPTVIZ_CJK_COLLECTION /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc)
set(OPTVIZ_CJK_SUBSET ${CMAKE_BINARY_DIR}/fonts/NotoSansCJKsc-subset.otf)
file(GLOB OPTVIZ_LESSON_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/assets/scenarios/*.json)
set(OPTVIZ_CATALOG_FILES "")
foreach(language IN LISTS OPTVIZ_LANGUAGES)
  list(APPEND OPTVIZ_CATALOG_FILES ${PROJECT_SOURCE_DIR}/po/${language}.po)
endforeach()
add_custom_command(OUTPUT ${OPTVIZ_CJK_SUBSET}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/fonts
  COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/cjk_subset.sh ${OPTVIZ_CJK_SUBSET} ${OPTVIZ_CJK_COLLECTION} 2
          ${OPTVIZ_CATALOG_FILES} ${OPTVIZ_LESSON_FILES}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/cjk_subset.sh ${OPTVIZ_CATALOG_FILES} ${OPTVIZ_LESSON_FILES}
  COMMENT "The Chinese glyphs of the catalogs and the lessons")
add_custom_target(optviz_cjk_subset DEPENDS ${OPTVIZ_CJK_SUBSET})
add_dependencies(optviz_web optviz_cjk_subset)
target_link_options(optviz_web PRIVATE "SHELL:--preload-file ${OPTVIZ_CJK_SUBSET}@${OPTVIZ_CJK_SUBSET_PATH}")
set_property(TARGET optviz_web APPEND PROPERTY LINK_DEPENDS ${OPTVIZ_CJK_SUBSET})

# optviz_worker.js (+ .wasm) beside the page: core alone in a Web Worker, where the page computes its
# sweep and basin maps (platform/map_worker_main.cpp, web_map_worker.cpp); built with the page.
add_executable(optviz_map_worker platform/map_worker_main.cpp)
set_target_properties(optviz_map_worker PROPERTIES OUTPUT_NAME optviz_worker SUFFIX .js
                                                   RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
target_link_libraries(optviz_map_worker PRIVATE optviz_scenario optviz_warnings)
target_link_options(optviz_map_worker PRIVATE -sBUILD_AS_WORKER=1 -sENVIRONMENT=worker -sALLOW_MEMORY_GROWTH=1
  -sEXPORTED_FUNCTIONS=_optviz_map_start,_optviz_map_block,_optviz_map_end,_malloc,_free)
add_dependencies(optviz_web optviz_map_worker)
# index.html, so that the served folder opens on the page.
add_custom_command(TARGET optviz_web POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_BINARY_DIR}/optviz.html ${CMAKE_BINARY_DIR}/index.html)
