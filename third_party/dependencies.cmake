# Finds the Debian packages optviz builds against and generates the OpenGL loader with glad.
# Nothing is downloaded: scripts/setup.sh installs the packages.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PNG REQUIRED)
find_package(ZLIB REQUIRED)
find_package(GIF REQUIRED)
find_package(Catch2 2 REQUIRED)

# glad 2: an OpenGL 3.3 core loader, generated offline (--reproducible) into the build tree.
find_program(GLAD_EXECUTABLE glad REQUIRED)
set(GLAD_DIR ${CMAKE_BINARY_DIR}/glad)
add_custom_command(
  OUTPUT ${GLAD_DIR}/src/gl.c ${GLAD_DIR}/include/glad/gl.h
  COMMAND ${GLAD_EXECUTABLE} --api gl:core=3.3 --extensions= --out-path ${GLAD_DIR} --reproducible --quiet c
  COMMENT "Generating the OpenGL loader with glad"
  VERBATIM)
add_library(glad STATIC ${GLAD_DIR}/src/gl.c)
target_include_directories(glad SYSTEM PUBLIC ${GLAD_DIR}/include)
set_target_properties(glad PROPERTIES POSITION_INDEPENDENT_CODE ON)

# Optional: only the core_benchmark target needs Google Benchmark.
if(OPTVIZ_BENCHMARKS)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    message(STATUS "Google Benchmark not found: the core_benchmark target is skipped "
                   "(scripts/setup.sh installs it, package libbenchmark-dev; -DOPTVIZ_BENCHMARKS=OFF turns it off)")
  endif()
endif()
