#!/usr/bin/env bash
# Builds everything with clang, AddressSanitizer and UndefinedBehaviorSanitizer (build-fuzz, built by
# scripts/sanitized-build.sh, which fuzz.sh fuzzes with too) and runs the whole test suite there, the
# GUI tests under xvfb-run included. Any sanitizer report fails the test that triggered it, and so
# the run. (OPTVIZ_SANITIZE=ON gives the same sanitizers with g++, by hand.)
#
# Leaks: no suppressions are needed. The OpenGL driver that libGLX unloads at exit would make
# LeakSanitizer report its globals as leaks from an "<unknown module>" that cannot be suppressed
# by name, so tests/robustness/keep_libraries_loaded.c is preloaded to keep every library mapped;
# with it the X11, Mesa and llvmpipe libraries report nothing.
#
# Usage: scripts/sanitize.sh [CTEST ARGS...]    (for example -R robustness)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-fuzz
jobs=${OPTVIZ_JOBS:-2}

bash "$root/scripts/sanitized-build.sh"
cc -shared -fPIC -O2 -o "$build/libkeep_libraries_loaded.so" "$root/tests/robustness/keep_libraries_loaded.c"

# halt_on_error / abort_on_error: the first report ends the process with a non-zero status.
# detect_leaks: LeakSanitizer runs at exit. verify_asan_link_order=0: the preloaded library comes
# before the ASan runtime, which is harmless here since it intercepts nothing ASan does.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:verify_asan_link_order=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LD_PRELOAD=$build/libkeep_libraries_loaded.so
# LeakSanitizer scans every thread's stack and thread-local storage at exit. Its tracer crashed
# there ("Tracer caught signal 11: addr=0x1ef8 ... LeakSanitizer has encountered a fatal error", not a
# leak: once in CI on gui_screenshot_1280x800_scale1, and on every run of the question slides'
# render_slides case with Mesa's shader cache off): it read the dynamic TLS of the OpenGL driver
# that libGLX loads, whose descriptor it took from glibc 2.36 ("DTLS 11 at 0x1eac-0x1800002fae").
# intercept_tls_get_addr=0 leaves dynamic TLS out of its scan; nothing allocated by optviz lives
# only there, and with it no test reports a leak. With no llvmpipe threads (LP_NUM_THREADS=0: it
# draws in the calling thread) and no shader cache on disk, the GUI tests run the same way each time.
export ASAN_OPTIONS=$ASAN_OPTIONS:intercept_tls_get_addr=0
export LP_NUM_THREADS=0 MESA_SHADER_CACHE_DISABLE=true

cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
