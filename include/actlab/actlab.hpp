// actlab: activation functions as constexpr symbolic expressions — the umbrella header.
#pragma once

#include <actlab/activations.hpp>
#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/diff/kinks.hpp>
#include <actlab/eval/compiled.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/expr/expression.hpp>
#include <actlab/expr/parse.hpp>
#include <actlab/expr/size.hpp>
#include <actlab/math.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/proofs.hpp>
