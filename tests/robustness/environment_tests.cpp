// Environment faults and hostile files, through the optviz executable: no display, a display
// without OpenGL 3.3 (Mesa told to offer 3.0), screenshots that cannot be written, scenario files
// built to exhaust memory or the stack. Each must end with its message and exit code, promptly,
// leaving nothing behind. The windows open in child processes under xvfb-run (our own,
// tests/support/xvfb_run.sh), in the tests tagged [display]; this test binary itself never touches
// a display.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "process.hpp"

using namespace optviz::testing;

namespace {

const std::filesystem::path kOptviz = OPTVIZ_EXECUTABLE;
const std::filesystem::path kXvfbRun = OPTVIZ_XVFB_RUN;

const std::string kNoDisplay =
    "optviz: cannot open a window: X11: The DISPLAY environment variable is missing. No display? Run under "
    "xvfb-run, or use the headless commands: optviz run, optviz render.\n";

ProcessOptions without_display() {
  ProcessOptions o;
  o.environment = {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}};
  return o;
}

// optviz under a fresh virtual display; `environment` is passed on to optviz.
ProcessResult run_with_display(const std::vector<std::string>& args, const std::vector<std::string>& environment = {}) {
  std::vector<std::string> command = {"-a", "-s", "-screen 0 1280x800x24", "env"};
  command.insert(command.end(), environment.begin(), environment.end());
  command.push_back(kOptviz.string());
  command.insert(command.end(), args.begin(), args.end());
  ProcessOptions options;
  options.time_limit = std::chrono::seconds(120);
  return run_process(kXvfbRun, command, options);
}

std::string describe(const std::vector<std::string>& args) {
  std::string out = "optviz";
  for (const std::string& a : args) out += " '" + a + "'";
  return out;
}

}  // namespace

TEST_CASE("no display: the window exits 1 and points to xvfb-run", "[robustness][environment]") {
  const TempDir dir;
  const std::string shot = (dir.path() / "shot.png").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{}, {"--screenshot", shot}, {"--size", "800x600", "--scale", "2"}}) {
    INFO(describe(args));
    const auto r = run_process(kOptviz, args, without_display());
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK(r.err == kNoDisplay);
    CHECK(r.out.empty());
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("a display without OpenGL 3.3: exit 1, a message that names the version",
          "[robustness][environment][display]") {
  const TempDir dir;
  const std::string shot = (dir.path() / "shot.png").string();
  const std::string scenario = (dir.path() / "s.json").string();
  write_file(scenario,
             R"({"version": 1, "function": "booth", "start": [-6, -4], "steps": 20, "runs": [{"optimizer": "adam"}]})");
  const std::vector<std::string> old_gl = {"MESA_GL_VERSION_OVERRIDE=3.0", "MESA_GLSL_VERSION_OVERRIDE=130"};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--screenshot", shot},
        {"render", scenario, "--out", shot, "--width", "64", "--height", "48"}}) {
    INFO(describe(args));
    const auto r = run_with_display(args, old_gl);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("optviz: ") && Catch::Contains("OpenGL 3.3"));
    CHECK(dir.entries() == std::vector<std::string>{"s.json"});
  }
}

TEST_CASE("a screenshot that cannot be written: exit 1, the reason, nothing left behind",
          "[robustness][environment][display]") {
  const TempDir dir;
  {
    // The control: where it can be written, the screenshot is a PNG.
    const auto shot = dir.path() / "shot.png";
    const auto r = run_with_display({"--screenshot", shot.string(), "--frames", "1"});
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == 0);
    CHECK(read_file(shot).rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    std::filesystem::remove(shot);
  }
  write_file(dir.path() / "file", "a regular file\n");
  const std::string d = dir.path().string();
  struct Case {
    std::string path;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"/dev/full", "cannot write /dev/full: No space left on device"},
      {d + "/file/shot.png", "cannot write " + d + "/file/shot.png: Not a directory"},
      {d + "/missing/shot.png", "cannot write " + d + "/missing/shot.png: No such file or directory"},
      {d, "cannot write " + d + ": Is a directory"},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    const auto r = run_with_display({"--screenshot", c.path, "--frames", "1"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "optviz: " + c.message + "\n");
    CHECK(dir.entries() == std::vector<std::string>{"file"});
  }
}

TEST_CASE("hostile scenario files are refused promptly with a short message", "[robustness][scenario]") {
  const TempDir dir;
  const auto path = [&](const char* name) { return (dir.path() / name).string(); };
  // Nesting costs the parser nothing, but anything recursive over the document (printing a value
  // for the message, destroying it) can run out of stack: 200 KB of brackets.
  write_file(path("nested.json"),
             R"({"version": 1, "function": )" + std::string(100'000, '[') + std::string(100'000, ']') + "}");
  write_file(path("long-key.json"), R"({"version": 1, ")" + std::string(1 << 20, 'k') + R"(": 1})");
  write_file(path("large.json"), R"({"version": 1, "title": ")" + std::string(5 << 20, 'x') + R"("})");
  // A named pipe with no writer: opening it would wait forever.
  REQUIRE(::mkfifo(path("pipe.json").c_str(), 0600) == 0);
  const std::vector<std::string> files = {path("nested.json"), path("long-key.json"), path("large.json"), "/dev/zero",
                                          path("pipe.json")};
  for (const std::string& file : files) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"run", file, "--out-dir", path("out")}, std::vector<std::string>{file}}) {
      INFO(describe(args));
      const auto r = run_process(kOptviz, args, without_display());
      REQUIRE_FALSE(r.timed_out);
      CHECK(r.signal == 0);
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::StartsWith("optviz: " + file + ": "));
      CHECK(r.err.size() < 400);
      CHECK(r.out.empty());
    }
  }
  CHECK_FALSE(std::filesystem::exists(path("out")));
}

TEST_CASE("an output through a symbolic link replaces the file it names; /proc/self/fd/1 is stdout",
          "[robustness][environment]") {
  const TempDir dir;
  write_file(dir / "old.csv", "old\n");
  std::filesystem::create_symlink("old.csv", dir / "link.csv");
  const std::vector<std::string> run = {"run", "--function", "quadratic", "--optimizer", "sgd", "--steps", "2"};

  std::vector<std::string> args = run;
  args.insert(args.end(), {"--out", (dir / "link.csv").string()});
  auto r = run_process(kOptviz, args);
  REQUIRE(r.exit_code == 0);
  CHECK(std::filesystem::is_symlink(dir / "link.csv"));
  const std::string csv = read_file(dir / "old.csv");
  CHECK(csv.starts_with("step,"));
  CHECK(dir.entries() == std::vector<std::string>{"link.csv", "old.csv"});

  // The test harness sends stdout to a regular file: the path is written through, not replaced
  // (a temporary file cannot even be made in /proc/self/fd).
  args = run;
  args.insert(args.end(), {"--out", "/proc/self/fd/1"});
  r = run_process(kOptviz, args);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == csv);
}
