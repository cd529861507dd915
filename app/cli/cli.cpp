// The command line's entry: the options that start the window, the commands in the order of --help
// (each in its command_*.cpp), the parsing, the dispatch to the command given and the exit codes.
#include "cli.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "gui.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace cli {

CLI::Option* add_view_option(CLI::App& cmd, std::string& view) {
  return cmd
      .add_option("--view", view, tr("2d (the heatmap) or 3d (the surface in perspective); default: the scenario's"))
      ->check(CLI::IsMember({"2d", "3d"}));
}

namespace {

// The options of the window, when no command is given.
void add_window_options(CLI::App& app, GuiOptions& gui) {
  app.add_option("--screenshot", gui.screenshot,
                 tr("render the window for --frames frames, save it as PNG, exit (the playhead at --step, else at the "
                    "lesson's step, else at the end of the run)"));
  app.add_option("--frames", gui.frames, tr("frames to render before --screenshot (default 3)"))
      ->check(CLI::Range(1, 100000));
  app.add_option(
      "--size", gui.size,
      tr("window size WIDTHxHEIGHT, for example 1280x800 (default: the screen's work area, or the saved size within "
         "it)"));
  app.add_option("--scale", gui.scale, tr("UI scale (default: text a 60th of the window's height, at least 13 px)"))
      ->check(CLI::Range(0.5, 4.0));
  app.add_option("--open", gui.open,
                 tr("views to open at start, comma-separated: sweep (the sweep map of the selected run), basins (its "
                    "basin overlay on the canvas)"))
      ->delimiter(',')
      ->check(CLI::IsMember({"sweep", "basins"}));
  app.add_flag("--present", gui.present,
               tr("presentation mode: full screen (or the whole --size window), the canvas as large as it allows; "
                  "F11 or Escape leaves it"));
  app.add_option("--step", gui.step, tr("the playhead's step at start (0 shows each whole path ahead, faint)"))
      ->check(CLI::Range(0L, kMaxScenarioSteps));
  app.add_option("--theme", gui.theme, tr("dark or light (default: the remembered choice)"))
      ->check(CLI::IsMember({"dark", "light"}));
  app.add_option("--language", gui.language,
                 tr("the language of the window and of the messages: en or zh_CN (default: the window's remembered "
                    "choice, else the environment's LANGUAGE, LC_ALL, LC_MESSAGES or LANG)"))
      ->check(CLI::IsMember(languages()));
  app.add_option("--explain", gui.explain,
                 tr("explain the selected run's next update from the playhead, paused at sub-step N (0, 1, ...); with "
                    "--screenshot, a still of that sub-step"))
      ->check(CLI::NonNegativeNumber);
  add_view_option(app, gui.view);
  app.add_option("scenario", gui.scenario, tr("a scenario to open: .json, or a PNG exported by optviz"));
}

// "optviz: MESSAGE" on standard error; returns `code`.
int report(const std::exception& e, int code) {
  std::cerr << "optviz: " << e.what() << "\n";
  return code;
}

// The messages CLI11 builds itself (CLI11 2.1's Error.hpp and Validators.hpp), each with its parts
// as placeholders; the first that matches the whole message is translated. Those of CLI11 that
// optviz's options cannot cause stay English.
constexpr std::array kParseMessages{
    translatable("The following argument was not expected: {0}"),
    translatable("The following arguments were not expected: {0}"),
    translatable("Could not convert: {0} = {1}"),
    translatable("The value {0} is not an allowed value for {1}"),
    translatable("{0}: {1} required {2} missing"),
    translatable("{0}: At Most {1} required but received {2}"),
    translatable("{0}: At least {1} required but received {2}"),
    translatable("{0}: Value {1} not in range {2} to {3}"),
    translatable("{0}: {1} not in {2}"),
    translatable("{0} is required"),
};

// The parts of `message` in the places of `format`'s {0}, {1}, ... (each placeholder takes the text
// up to the first occurrence of the literal after it), or nothing when the message is not of that
// format.
std::optional<std::vector<std::string>> message_parts(std::string_view format, std::string_view message) {
  std::vector<std::string> parts;
  std::string rebuilt;
  std::size_t at = 0;
  while (!format.empty()) {
    const std::size_t open = format.find('{');
    const std::string_view literal = format.substr(0, open);
    if (message.substr(at, literal.size()) != literal) return std::nullopt;
    at += literal.size();
    rebuilt += literal;
    if (open == std::string_view::npos) break;
    format.remove_prefix(format.find('}', open) + 1);
    const std::string_view next = format.substr(0, format.find('{'));
    const std::size_t end = next.empty() ? message.size() : message.find(next, at);
    if (end == std::string_view::npos || end == at) return std::nullopt;
    parts.emplace_back(message.substr(at, end - at));
    rebuilt += parts.back();
    at = end;
  }
  if (at != message.size() || rebuilt != message) return std::nullopt;
  return parts;
}

// CLI11's message in the current language: one of kParseMessages with its parts, else as it is.
std::string parse_error_text(const CLI::ParseError& e) {
  const std::string message = e.what();
  for (const char* format : kParseMessages) {
    const auto parts = message_parts(format, message);
    if (!parts) continue;
    switch (parts->size()) {
      case 1:
        return tr_format(format, {(*parts)[0]});
      case 2:
        return tr_format(format, {(*parts)[0], (*parts)[1]});
      case 3:
        return tr_format(format, {(*parts)[0], (*parts)[1], (*parts)[2]});
      default:
        return tr_format(format, {(*parts)[0], (*parts)[1], (*parts)[2], (*parts)[3]});
    }
  }
  return message;
}

// The words of --help that CLI11 writes itself, in the current language: its labels, the group of
// the options and of the commands, and the descriptions of --help and --version.
void translate_help(CLI::App& app) {
  const auto formatter = app.get_formatter();
  for (const char* label : {translatable("Usage"), translatable("OPTIONS"), translatable("SUBCOMMAND"),
                            translatable("SUBCOMMANDS"), translatable("Positionals"), translatable("REQUIRED"),
                            translatable("Needs"), translatable("Excludes"), translatable("Env")})
    formatter->label(label, tr(label));
  app.option_defaults()->group(tr("Options"));
  app.group(tr("Subcommands"));  // inherited by each command
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
}

// The language --language names, before the command line is parsed: its help and its messages are
// written in it. "" when it names none (the parser then says so).
std::string language_option(int argc, char** argv) {
  const std::vector<std::string>& known = languages();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string_view value;
    if (arg == "--language" && i + 1 < argc)
      value = argv[i + 1];
    else if (arg.starts_with("--language="))
      value = arg.substr(std::string_view("--language=").size());
    if (std::find(known.begin(), known.end(), value) != known.end()) return std::string(value);
  }
  return {};
}

}  // namespace
}  // namespace cli

int cli_main(int argc, char** argv) {
  // The command line's messages; the window may choose another (its remembered choice).
  const std::string chosen = cli::language_option(argc, argv);
  set_language(chosen.empty() ? language_from_environment() : chosen);
  CLI::App app{
      tr("optviz: watch optimizers move over 2D loss surfaces.\n"
         "With no command, opens the window on the default scenario.")};
  cli::translate_help(app);
  app.set_version_flag("--version",
                       "optviz " OPTVIZ_VERSION "\n" +
                           tr_format("Copyright (c) 2026 the optviz authors. MIT licence: Help > About optviz, or {0}.",
                                     {"/usr/share/doc/optviz/copyright"}),
                       tr("Display program version information and exit"));
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
    return cli::report(std::invalid_argument(cli::parse_error_text(e)), cli::kBadInput);
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
