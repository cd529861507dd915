// The command line: `optviz run`, `optviz list` and the options that start the window.
#pragma once

namespace optviz {

// The whole program: parses argv, runs the command, returns the exit code
// (0 success, 1 environment problem, 2 bad input).
int cli_main(int argc, char** argv);

}  // namespace optviz
