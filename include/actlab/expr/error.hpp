// actlab: the one exception type of the library.
#pragma once

#include <stdexcept>
#include <string>

namespace actlab {

//! Thrown at run time by every actlab operation that cannot produce a result (capacity
//! exceeded, parse error, unknown parameter, ...). In a constant expression the same
//! condition is a compile error whose notes show the `actlab: ...` message.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! An expression beyond the fixed capacity of `expr` (nodes, constants, parameters, terms of
//! a sum or product): the input is fine, the engine cannot hold it.
class capacity_error : public error {
public:
    using error::error;
};

namespace detail {

//! Reports a failure. Not a constant expression, so calling it during constant evaluation
//! stops compilation with the message visible in the "in call to fail(...)" note.
[[noreturn]] inline void fail_at_run_time(const char* message) { throw error(message); }

[[noreturn]] inline void capacity_exceeded_at_run_time(const char* message) {
    throw capacity_error(message);
}

// The null check keeps the function a potential constant expression (clang requires one).
constexpr void fail(const char* message) {
    if (message != nullptr) fail_at_run_time(message);
}

//! fail() for an expression beyond the capacity: a capacity_error at run time.
constexpr void fail_capacity(const char* message) {
    if (message != nullptr) capacity_exceeded_at_run_time(message);
}

}  // namespace detail
}  // namespace actlab
