/* Preloaded by scripts/sanitize.sh: dlclose does nothing, so the OpenGL driver that libGLX
 * unloads at exit stays mapped. LeakSanitizer runs after that unload; without this it finds the
 * driver's globals gone and reports everything they held as leaked from "<unknown module>", an
 * address it can neither name nor suppress. Never linked into optviz. */
#include <dlfcn.h>

int dlclose(void* handle) {
  (void)handle;
  return 0;
}
