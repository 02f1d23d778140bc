// actlab: an expression held on the heap, for run-time data structures (needs no constexpr).
#pragma once

#include <actlab/expr/expression.hpp>

#include <memory>

namespace actlab {

//! An immutable expression on the heap with value semantics.
//!
//! An `expr` is a fixed-capacity structural value of about 30 KB: right for compile time and
//! template arguments, too big to keep several of in every frame of a deep run-time
//! recursion (the asymptotic expansions hold seven per term). A `boxed_expr` is one pointer;
//! copies share the immutable value, and it reads as `const expr&` wherever one is expected.
//!
//! **Example**: `boxed_expr c = sigmoid(x); expr d = c * 2;`
class boxed_expr {
public:
    //! The number 0.
    boxed_expr() : boxed_expr(expr(0)) {}
    boxed_expr(const expr& value) : p_(std::make_shared<const expr>(value)) {}  // NOLINT: implicit
    boxed_expr(int v) : boxed_expr(expr(v)) {}                                  // NOLINT: implicit

    const expr& get() const { return *p_; }
    operator const expr&() const { return *p_; }  // NOLINT: implicit, reads as an expr

private:
    std::shared_ptr<const expr> p_;
};

}  // namespace actlab
