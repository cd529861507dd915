#include "cli.hpp"

int main(int argc, char** argv) { return optviz::cli_main(argc, argv); }
