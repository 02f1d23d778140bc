// actlab: the activation catalogue's expressions, every family (namespace actlab::activations).
#pragma once

#include <actlab/activations/elementary.hpp>
#include <actlab/activations/learnable.hpp>
#include <actlab/activations/piecewise.hpp>
#include <actlab/activations/rectifiers.hpp>
#include <actlab/activations/smooth.hpp>
