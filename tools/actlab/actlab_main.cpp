// The actlab program: the tool (main.cpp, the library actlab::cli) with the catalogue alone.
#include "actlab_tool.hpp"

int main(int argc, char** argv) { return actlab_cli::run(argc, argv); }
