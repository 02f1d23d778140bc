// mytool: the actlab tool with the activations of my_activations.hpp beside the catalogue's.
//   mytool analyze squareplus;  mytool show bent_identity;  mytool report --acts squareplus,relu
#include "my_activations.hpp"

#include <actlab_tool.hpp>

int main(int argc, char** argv) { return actlab_cli::run(argc, argv, my_activations::all); }
