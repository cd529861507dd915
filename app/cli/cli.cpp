// The command line's entry: the options that start the window, the commands in the order of --help
// (each in its command_*.cpp), the parsing, the dispatch to the command given and the exit codes.
#include "cli.hpp"

#include <array>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "gui.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace cli {

CLI::Option* add_view_option(CLI::App& cmd, std::string& view) {
  return cmd.add_option("--view", view, "2d (the heatmap) or 3d (the surface in perspective); default: the scenario's")
      ->check(CLI::IsMember({"2d", "3d"}));
}

namespace {

// The options of the window, when no command is given.
void add_window_options(CLI::App& app, GuiOptions& gui) {
  app.add_option("--screenshot", gui.screenshot,
                 "render the window for --frames frames, save it as PNG, exit (the playhead at --step, else at the "
                 "lesson's step, else at the end of the run)");
  app.add_option("--frames", gui.frames, "frames to render before --screenshot (default 3)")
      ->check(CLI::Range(1, 100000));
  app.add_option(
      "--size", gui.size,
      "window size WIDTHxHEIGHT, for example 1280x800 (default: the screen's work area, or the saved size within it)");
  app.add_option("--scale", gui.scale, "UI scale (default: text a 60th of the window's height, at least 13 px)")
      ->check(CLI::Range(0.5, 4.0));
  app.add_option("--open", gui.open,
                 "views to open at start, comma-separated: sweep (the sweep map of the selected run), basins (its "
                 "basin overlay on the canvas)")
      ->delimiter(',')
      ->check(CLI::IsMember({"sweep", "basins"}));
  app.add_flag("--present", gui.present,
               "presentation mode: full screen (or the whole --size window), the canvas as large as it allows; "
               "F11 or Escape leaves it");
  app.add_option("--step", gui.step, "the playhead's step at start (0 shows each whole path ahead, faint)")
      ->check(CLI::Range(0L, kMaxScenarioSteps));
  app.add_option("--theme", gui.theme, "dark or light (default: the remembered choice)")
      ->check(CLI::IsMember({"dark", "light"}));
  app.add_option("--language", gui.language,
                 "the window's language: en or zh_CN (default: the remembered choice, else the environment's "
                 "LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")
      ->check(CLI::IsMember(languages()));
  app.add_option("--explain", gui.explain,
                 "explain the selected run's next update from the playhead, paused at sub-step N (0, 1, ...); with "
                 "--screenshot, a still of that sub-step")
      ->check(CLI::NonNegativeNumber);
  add_view_option(app, gui.view);
  app.add_option("scenario", gui.scenario, "a scenario to open: .json, or a PNG exported by optviz");
}

// "optviz: MESSAGE" on standard error; returns `code`.
int report(const std::exception& e, int code) {
  std::cerr << "optviz: " << e.what() << "\n";
  return code;
}

}  // namespace
}  // namespace cli

int cli_main(int argc, char** argv) {
  set_language(language_from_environment());  // the command line's messages; the window may choose another
  CLI::App app{
      "optviz: watch optimizers move over 2D loss surfaces.\n"
      "With no command, opens the window on the default scenario."};
  app.set_version_flag("--version", "optviz " OPTVIZ_VERSION
                                    "\nCopyright (c) 2026 the optviz authors. MIT licence: Help > About optviz,"
                                    " or /usr/share/doc/optviz/copyright.");
  GuiOptions gui;
  cli::add_window_options(app, gui);
  // In the order of --help.
  const std::array commands{cli::add_run_command(app),    cli::add_train_command(app), cli::add_plane_command(app),
                            cli::add_render_command(app), cli::add_sweep_command(app), cli::add_basin_command(app),
                            cli::add_list_command(app)};
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return cli::report(e, cli::kBadInput);
  }

  try {
    for (const cli::Command& command : commands)
      if (*command.parser) return command.run();
    if (!gui.scenario.empty()) cli::open_scenario(gui.scenario);  // a bad file exits 2 before any window opens
    return run_gui(gui);
  } catch (const cli::BadInput& e) {
    return cli::report(e, cli::kBadInput);
  } catch (const std::invalid_argument& e) {  // core's DataError, ExpressionError, ...: bad input too
    return cli::report(e, cli::kBadInput);
  } catch (const std::runtime_error& e) {
    return cli::report(e, 1);
  }
}

}  // namespace optviz
