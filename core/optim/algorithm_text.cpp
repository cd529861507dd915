// The algorithms' texts: whole, for given hyperparameters, by option, their symbols, and the man
// page's section, each in a notation (notation.hpp).
#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "algorithms.hpp"
#include "parameters.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using O = Option;

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct OptionText {
  std::string_view parameter;  // the hyperparameter or flag it depends on ("" for always)
  std::string_view rule;       // the condition as a rule-language expression or flag
  std::string_view unicode;
};

OptionText option_text(Option o) {
  switch (o) {
    case O::always:
      return {"", "", ""};
    case O::weight_decay:
      return {"weight_decay", "weight_decay != 0", "λ ≠ 0"};
    case O::momentum:
      return {"momentum", "momentum > 0", "μ > 0"};
    case O::no_momentum:
      return {"momentum", "momentum == 0", "μ = 0"};
    case O::centered:
      return {"centered", "centered", translatable("centered")};
    case O::not_centered:
      return {"centered", "not centered", translatable("not centered")};
    case O::amsgrad:
      return {"amsgrad", "amsgrad", "amsgrad"};
    case O::not_amsgrad:
      return {"amsgrad", "not amsgrad", translatable("not amsgrad")};
    case O::eps_inside:
      return {"eps_inside_sqrt", "eps_inside_sqrt", translatable("ε inside √")};
    case O::eps_outside:
      return {"eps_inside_sqrt", "not eps_inside_sqrt", translatable("ε outside √")};
    case O::bias_correction:
      return {"bias_correction", "bias_correction", translatable("bias correction")};
    case O::no_bias_correction:
      return {"bias_correction", "no bias_correction", translatable("no bias correction")};
  }
  return {};
}

// Whether the option is its parameter's non-default side (the lines a flag or value switches on).
bool switched_on(Option o) {
  return o == O::weight_decay || o == O::momentum || o == O::centered || o == O::amsgrad || o == O::eps_inside ||
         o == O::no_bias_correction;
}

// A line's condition as the window shows it (Unicode, translated): "if not centered" in the
// language shown; the man page's (groff) and the rule notation's stay English.
std::string shown_condition(Option option) {
  const OptionText t = option_text(option);
  if (t.parameter.empty()) return {};
  // TRANSLATORS: {0} is a condition of a line of an algorithm: "μ > 0", "not centered".
  return tr_format("if {0}", {tr(std::string(t.unicode).c_str())});
}

// The lines (those that apply to h, if given; those whose condition is on `parameter`, if given),
// with their conditions in a column unless h is given. `shown`: the conditions translated.
std::string lines_text(const Algorithm& a, const Hyperparameters* h, Notation notation, std::string_view indent,
                       std::string_view parameter = {}, bool shown = true) {
  // Aligned in Unicode, where a symbol is one column, then escaped.
  if (notation == Notation::groff)
    return render_prose(lines_text(a, h, Notation::unicode, indent, parameter, false), Notation::groff);
  std::vector<std::pair<std::string, std::string>> rows;
  for (const AlgorithmLine& line : a.lines) {
    if (h && !applies(line.when, *h)) continue;
    if (!parameter.empty() && option_text(line.when).parameter != parameter) continue;
    const bool translated = shown && notation == Notation::unicode;
    rows.emplace_back(render(line.statements, notation), h            ? std::string()
                                                         : translated ? shown_condition(line.when)
                                                                      : render_condition(line.when, notation));
  }
  std::size_t width = 0;
  for (const auto& row : rows)
    if (!row.second.empty()) width = std::max(width, display_width(row.first));
  std::string out;
  for (const auto& [statements, condition] : rows) {
    out += std::string(indent) + statements;
    if (!condition.empty()) out += std::string(width - display_width(statements) + 4, ' ') + condition;
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_condition(Option option, Notation notation) {
  const OptionText t = option_text(option);
  if (t.parameter.empty()) return {};
  if (notation == Notation::rule) return "if " + std::string(t.rule);
  return render_prose("if " + std::string(t.unicode), notation);
}

std::string algorithm_text(OptimizerKind kind, Notation notation, std::string_view indent) {
  return lines_text(algorithm(kind), nullptr, notation, indent);
}

std::string algorithm_text(const Hyperparameters& h, Notation notation, std::string_view indent) {
  return lines_text(algorithm(h.kind), &h, notation, indent);
}

std::string symbols_text(OptimizerKind kind, Notation notation) {
  const Algorithm& a = algorithm(kind);
  std::string out;
  const auto add = [&](std::string_view name, const std::string& meaning) {
    if (!out.empty()) out += "; ";
    out += (notation == Notation::rule ? std::string(name) : render_prose(symbol_of(name), notation)) + ": " + meaning;
  };
  // The window's (Unicode) meanings translated; the man page's and the rule notation's English.
  const auto shown = [&](std::string_view english) {
    return notation == Notation::unicode ? std::string(tr(std::string(english).c_str())) : std::string(english);
  };
  for (const AlgorithmSymbol& s : a.symbols) add(s.name, render_prose(shown(s.meaning), notation));
  for (const RealParameter& p : real_parameters()) {
    const bool read = std::any_of(a.lines.begin(), a.lines.end(),
                                  [&](const AlgorithmLine& l) { return reads_name(l.statements, p.name); });
    if (read && p.applies_to(kind)) add(p.name, shown(p.help) + " (--" + std::string(p.flag) + ")");
  }
  return out;
}

std::string option_formulas(std::string_view parameter_name, Notation notation) {
  // Optimizers whose lines read alike share them: "sgd, momentum, ...: g = g + weight_decay*theta".
  std::vector<std::pair<std::string, std::string>> groups;  // names, lines
  for (OptimizerKind kind : optimizer_kinds()) {
    const std::string lines = option_formulas(parameter_name, kind, notation);
    if (lines.empty()) continue;
    const auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == lines; });
    if (same != groups.end())
      same->first += ", " + std::string(name(kind));
    else
      groups.emplace_back(std::string(name(kind)), lines);
  }
  std::string out;
  for (const auto& [names, lines] : groups) out += (out.empty() ? "" : "; ") + names + ": " + lines;
  return out;
}

std::string option_formulas(std::string_view parameter_name, OptimizerKind kind, Notation notation) {
  // The options whose lines are listed: those a line depends on, and these real hyperparameters
  // that one optimizer or two read.
  constexpr std::array<std::string_view, 4> kRead = {"dampening", "lr_decay", "initial_accumulator", "momentum_decay"};
  const bool by_reading = std::find(kRead.begin(), kRead.end(), parameter_name) != kRead.end();
  const Algorithm& a = algorithm(kind);
  std::string lines;
  for (const AlgorithmLine& line : a.lines) {
    const bool listed = by_reading ? reads_name(line.statements, parameter_name)
                                   : switched_on(line.when) && option_text(line.when).parameter == parameter_name;
    if (!listed) continue;
    if (!lines.empty()) lines += "; ";
    lines += render(line.statements, notation);
  }
  if (!lines.empty() && parameter_name == "eps_inside_sqrt" && !a.eps_inside.empty())
    lines += " (as " + render_prose(a.eps_inside, notation) + ")";
  return lines;
}

std::string option_lines(std::string_view parameter_name, OptimizerKind kind, Notation notation) {
  return lines_text(algorithm(kind), nullptr, notation, "", parameter_name);
}

std::string man_page_algorithms() {
  std::string out;
  for (OptimizerKind kind : optimizer_kinds()) {
    const Algorithm& a = algorithm(kind);
    out += ".TP\n.BR " + std::string(name(kind)) + " \" (" + std::string(title(kind)) + ")\"\n";
    out += render_prose(a.reference, Notation::groff) + ":\n";
    out += ".RS\n.EX\n" + algorithm_text(kind, Notation::groff) + ".EE\n.RE\n";
    const std::string symbols = symbols_text(kind, Notation::groff);
    if (!symbols.empty()) out += symbols + ".\n";
    out += ".br\n" + render_prose(a.epsilon, Notation::groff) + ".\n";
    if (!a.eps_inside.empty())
      out += "With\n.BR \\-\\-eps\\-inside\\-sqrt ,\nthe convention of " + render_prose(a.eps_inside, Notation::groff) +
             ".\n";
  }
  return out;
}

}  // namespace optviz
