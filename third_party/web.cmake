# The browser build's dependencies (emcmake cmake, scripts/build-web.sh): the same libraries as the
# desktop's, compiled with emcc from Debian's source packages, which scripts/build-web.sh fetches
# with `apt-get source --download-only` and unpacks (with Debian's patches) into
# OPTVIZ_WEB_SOURCES/{imgui,zlib,libpng,giflib,highway}: imgui (libimgui-dev ships only the
# backends' sources), zlib, libpng1.6, giflib and highway (its headers). Emscripten's ports would
# download them; nothing is downloaded here. GLFW and OpenGL ES 3 (WebGL 2) come with Emscripten itself.
# Header-only libraries (nlohmann-json, stb) are read from their Debian folders, never from
# /usr/include as a whole, whose C library headers would shadow Emscripten's.
set(OPTVIZ_WEB_SOURCES "" CACHE PATH "The unpacked source packages: imgui, zlib, libpng, giflib, highway")

foreach(package imgui zlib libpng giflib highway)
  if(NOT EXISTS "${OPTVIZ_WEB_SOURCES}/${package}")
    message(FATAL_ERROR "the web build needs Debian's source package of ${package} unpacked in "
                        "${OPTVIZ_WEB_SOURCES}/${package}: run scripts/build-web.sh, which fetches it")
  endif()
endforeach()
# Debian's Emscripten runs its JavaScript tools (acorn, when it links) from Debian's node modules,
# which a node from elsewhere (NodeSource's, say) does not look in.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)

set(IMGUI_DIR ${OPTVIZ_WEB_SOURCES}/imgui)
set(ZLIB_DIR ${OPTVIZ_WEB_SOURCES}/zlib)
set(PNG_DIR ${OPTVIZ_WEB_SOURCES}/libpng)
set(GIF_DIR ${OPTVIZ_WEB_SOURCES}/giflib)
set(HWY_DIR ${OPTVIZ_WEB_SOURCES}/highway)

# Everything with exceptions (scenario files and exports report problems by throwing), as
# WebAssembly's own exceptions (Chromium 95, Firefox 100, Safari 15.2 and later): Emscripten's
# JavaScript-based ones wrap every call that may throw in a call out to JavaScript, which made the
# page larger (1.99 MB of wasm instead of 1.85) and its frames slower. Debian's Emscripten ships
# libc++ built for both (its "-except" libraries are the WebAssembly ones). Without threads (a page
# without cross-origin isolation has no SharedArrayBuffer): work that would run on other cores
# runs on the page's one thread.
set(OPTVIZ_WEB_EH -fwasm-exceptions CACHE STRING "How the page handles C++ exceptions: -fwasm-exceptions or -fexceptions")
add_compile_options(${OPTVIZ_WEB_EH})
add_link_options(${OPTVIZ_WEB_EH})

# WebAssembly SIMD (Chromium 91, Firefox 89, Safari 16.4 and later): the lanes of a sweep's or basin
# map's kernel (core/base/lanes.hpp) become f64x2 instructions, two runs per instruction. A browser
# without it cannot compile the page at all. OFF builds the page without it, for
# scripts/benchmark_web.py's comparison.
option(OPTVIZ_WEB_SIMD "Build the page with WebAssembly SIMD (-msimd128)" ON)
if(OPTVIZ_WEB_SIMD)
  add_compile_options(-msimd128)
  add_link_options(-msimd128)
endif()

set(WEB_GENERATED ${CMAKE_BINARY_DIR}/web_generated)

# Highway's headers, for the many-run kernels' dispatch (core/maps/lane_kernels.cpp, through
# OPTVIZ_HWY_INCLUDE): one static target for the whole page, as a browser has one instruction set:
# WASM with -msimd128 (HWY_LANES(double) is 2: f64x2), EMU128 without. With one target compiled,
# HWY_DYNAMIC_DISPATCH is a direct call and HWY_SUPPORTED_TARGETS a constant, so nothing of
# libhwy is linked. Highway's own vector operations are not used on doubles: its WASM target in
# Debian's 1.0.3 has none (HWY_HAVE_FLOAT64 is 0: no Sqrt, Div or Set of doubles); the kernels
# compute with lanes.hpp's vector types, which clang compiles to f64x2 instructions.
add_compile_definitions(HWY_COMPILE_ONLY_STATIC=1)
set(OPTVIZ_HWY_INCLUDE ${HWY_DIR})

add_library(optviz_zlib STATIC
  ${ZLIB_DIR}/adler32.c ${ZLIB_DIR}/compress.c ${ZLIB_DIR}/crc32.c ${ZLIB_DIR}/deflate.c ${ZLIB_DIR}/inffast.c
  ${ZLIB_DIR}/inflate.c ${ZLIB_DIR}/inftrees.c ${ZLIB_DIR}/trees.c ${ZLIB_DIR}/uncompr.c ${ZLIB_DIR}/zutil.c)
target_include_directories(optviz_zlib SYSTEM PUBLIC ${ZLIB_DIR})
target_compile_definitions(optviz_zlib PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)
add_library(ZLIB::ZLIB ALIAS optviz_zlib)

configure_file(${PNG_DIR}/scripts/pnglibconf.h.prebuilt ${WEB_GENERATED}/png/pnglibconf.h COPYONLY)
add_library(optviz_png STATIC
  ${PNG_DIR}/png.c ${PNG_DIR}/pngerror.c ${PNG_DIR}/pngget.c ${PNG_DIR}/pngmem.c ${PNG_DIR}/pngpread.c
  ${PNG_DIR}/pngread.c ${PNG_DIR}/pngrio.c ${PNG_DIR}/pngrtran.c ${PNG_DIR}/pngrutil.c ${PNG_DIR}/pngset.c
  ${PNG_DIR}/pngtrans.c ${PNG_DIR}/pngwio.c ${PNG_DIR}/pngwrite.c ${PNG_DIR}/pngwtran.c ${PNG_DIR}/pngwutil.c)
target_include_directories(optviz_png SYSTEM PUBLIC ${PNG_DIR} ${WEB_GENERATED}/png)
target_compile_definitions(optviz_png PRIVATE PNG_ARM_NEON_OPT=0 PNG_INTEL_SSE_OPT=0)
target_link_libraries(optviz_png PUBLIC optviz_zlib)
add_library(PNG::PNG ALIAS optviz_png)

add_library(optviz_gif STATIC
  ${GIF_DIR}/dgif_lib.c ${GIF_DIR}/egif_lib.c ${GIF_DIR}/gif_err.c ${GIF_DIR}/gif_font.c ${GIF_DIR}/gif_hash.c
  ${GIF_DIR}/gifalloc.c ${GIF_DIR}/openbsd-reallocarray.c ${GIF_DIR}/quantize.c)
target_include_directories(optviz_gif SYSTEM PUBLIC ${GIF_DIR})
add_library(GIF::GIF ALIAS optviz_gif)

# Header-only libraries, each through a folder that holds only a link to it.
file(MAKE_DIRECTORY ${WEB_GENERATED}/include)
file(CREATE_LINK /usr/include/nlohmann ${WEB_GENERATED}/include/nlohmann SYMBOLIC)
file(CREATE_LINK /usr/include/stb ${WEB_GENERATED}/include/stb SYMBOLIC)
foreach(header nlohmann/json.hpp stb/stb_truetype.h stb/stb_easy_font.h)
  if(NOT EXISTS ${WEB_GENERATED}/include/${header})
    message(FATAL_ERROR "the web build needs /usr/include/${header}: run scripts/setup.sh --web")
  endif()
endforeach()
add_library(nlohmann_json INTERFACE)
target_include_directories(nlohmann_json SYSTEM INTERFACE ${WEB_GENERATED}/include)
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)

# stb_truetype's implementation, which the desktop takes from libstb.so.
file(WRITE ${WEB_GENERATED}/stb_truetype.c "#define STB_TRUETYPE_IMPLEMENTATION\n#include <stb/stb_truetype.h>\n")
add_library(optviz_stb STATIC ${WEB_GENERATED}/stb_truetype.c)
target_include_directories(optviz_stb SYSTEM PUBLIC ${WEB_GENERATED}/include)

# GLFW 3 and WebGL 2 (OpenGL ES 3.0) from Emscripten's own libraries.
add_library(optviz_glfw INTERFACE)
target_compile_options(optviz_glfw INTERFACE -sUSE_GLFW=3)
target_link_options(optviz_glfw INTERFACE -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
add_library(PkgConfig::GLFW ALIAS optviz_glfw)

# <glad/gl.h>, which the GL code includes, is OpenGL ES 3 in the browser: no loader is needed.
file(WRITE ${WEB_GENERATED}/glad/include/glad/gl.h
     "// The web build's <glad/gl.h>: WebGL 2 is OpenGL ES 3.0, linked directly (third_party/web.cmake).\n"
     "#pragma once\n#include <GLES3/gl3.h>\n"
     "// OpenGL's double-precision glClearDepth is glClearDepthf in OpenGL ES.\n"
     "static inline void glClearDepth(double depth) { glClearDepthf((GLfloat)depth); }\n")
add_library(glad INTERFACE)
target_include_directories(glad SYSTEM INTERFACE ${WEB_GENERATED}/glad/include)
target_link_libraries(glad INTERFACE optviz_glfw)

# Dear ImGui with its GLFW and OpenGL backends; the OpenGL one for OpenGL ES 3 ("#version 300 es").
add_library(optviz_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(optviz_imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)
target_compile_definitions(optviz_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_DEMO_WINDOWS)
target_link_libraries(optviz_imgui PUBLIC optviz_glfw optviz_stb)
add_library(PkgConfig::IMGUI ALIAS optviz_imgui)
