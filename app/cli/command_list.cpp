// `optviz list`: the test functions, and each optimizer's whole algorithm with its defaults.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "algorithms.hpp"
#include "commands.hpp"
#include "number_text.hpp"
#include "test_function.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

// The text in lines of at most 100 columns (UTF-8 characters), each starting with `indent`.
std::string wrapped(const std::string& text, const std::string& indent) {
  constexpr std::size_t kWidth = 100;
  const auto columns = [](std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::string out, line = indent;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (line.size() > indent.size() && columns(line) + 1 + columns(word) > kWidth) {
      out += line + "\n";
      line = indent;
    }
    line += (line.size() > indent.size() ? " " : "") + word;
  }
  return out + line + "\n";
}

// Whether the locale (LC_ALL, else LC_CTYPE, else LANG) names UTF-8.
bool utf8_locale() {
  for (const char* variable : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(variable);
    if (!value || !*value) continue;
    std::string text(value);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text.find("utf-8") != std::string::npos || text.find("utf8") != std::string::npos;
  }
  return false;
}

void list_functions(std::ostream& out) {
  out << "Functions (name: formula; view box; minima):\n";
  for (const TestFunction& f : test_functions()) {
    out << "  " << f.name << ": " << f.formula << "\n      view [" << format_number(f.view.min.x) << ", "
        << format_number(f.view.max.x) << "] x [" << format_number(f.view.min.y) << ", " << format_number(f.view.max.y)
        << "]; start " << format_number(f.start.x) << "," << format_number(f.start.y) << "; ";
    if (f.minima.empty()) out << "no minimum";
    for (std::size_t i = 0; i < f.minima.size(); ++i)
      out << (i ? ", " : "minima ") << "(" << format_number(f.minima[i].x) << ", " << format_number(f.minima[i].y)
          << ")";
    if (!f.minima.empty()) out << " with f = " << format_number(f.minimum_value);
    out << "\n";
  }
}

// With Unicode symbols where the locale says the terminal takes UTF-8, else as --rule takes them.
void list_optimizers(std::ostream& out, Notation notation) {
  out << "\nOptimizers (name (title): reference; algorithm; symbols; epsilon; defaults).\n"
      << render_prose(
             "In each algorithm, g is the gradient at θ before update t = 1, 2, ...; each line assigns "
             "per coordinate, in order; a line with a condition applies only when it holds; every name "
             "other than g, θ, t and the hyperparameters is state that starts at 0.\n",
             notation);
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters h = defaults(kind);
    const Algorithm& a = algorithm(kind);
    out << "  " << name(kind) << " (" << title(kind) << "): " << render_prose(a.reference, notation) << "\n"
        << algorithm_text(kind, notation, "      ");
    if (const std::string symbols = symbols_text(kind, notation); !symbols.empty())
      out << wrapped("where " + symbols + ".", "    ");
    std::string epsilon = render_prose(a.epsilon, notation);
    if (!a.eps_inside.empty())
      epsilon += "; with --eps-inside-sqrt, the convention of " + render_prose(a.eps_inside, notation);
    out << wrapped(epsilon + ".", "    ") << "    defaults:";
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << format_number(h.*p.member);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << (h.*p.member ? "true" : "false");
    out << "\n";
  }
}

int list_command() {
  std::ostringstream out;
  list_functions(out);
  list_optimizers(out, utf8_locale() ? Notation::unicode : Notation::rule);
  return print_to_stdout(out.str());
}

}  // namespace

Command add_list_command(CLI::App& app) {
  return {add_command_parser(app, "list", tr("list the test functions and optimizers with their defaults")),
          list_command};
}

}  // namespace optviz::cli
