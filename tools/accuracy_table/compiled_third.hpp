// accuracy_table: compiled<f‴> of every catalogue activation, made in a translation unit of its
// own (compiled_third.cpp), so that its compile-time derivatives build beside the rest of the tool.
#pragma once

#include <functional>
#include <map>
#include <string>

//! compiled<f‴> of every catalogue activation, by name.
using compiled_third_functions = std::map<std::string, std::function<double(double)>>;

compiled_third_functions compiled_third();
