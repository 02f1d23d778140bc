// actlab: a three-valued truth — proved, refuted or unknown — for compile-time predicates.
// `static_assert(p)` holds only when p is proved, `static_assert(!p)` only when p is refuted;
// an unknown value stops compilation with "actlab: could not prove ... within the step
// budget" in either form.
#pragma once

#include <actlab/expr/error.hpp>

#include <cstdint>

namespace actlab {

//! The outcome of a proof attempt.
enum class verdict : std::uint8_t { refuted, unknown, proved };

//! A truth value that is never wrong: proved and refuted are theorems, unknown is honest.
//!
//! **Example**: `static_assert(actlab::is_odd(actlab::activations::tanh));`
struct truth {
    verdict value = verdict::unknown;
    //! The message an unknown value fails with (names the predicate).
    const char* unknown_message = "actlab: could not prove the claim within the step budget";

    constexpr bool proved() const { return value == verdict::proved; }
    constexpr bool refuted() const { return value == verdict::refuted; }
    constexpr bool unknown() const { return value == verdict::unknown; }

    //! True when proved, false when refuted; unknown is a compile error (a run-time
    //! actlab::error) with `unknown_message`.
    constexpr explicit operator bool() const {
        // A literal per message: the compilers show a literal argument in their notes.
        if (value == verdict::unknown) fail_unknown(unknown_message);
        return value == verdict::proved;
    }

    //! proved ↔ refuted; unknown stays unknown.
    constexpr truth operator!() const {
        const verdict v = value == verdict::proved    ? verdict::refuted
                          : value == verdict::refuted ? verdict::proved
                                                      : verdict::unknown;
        return {v, unknown_message};
    }

    friend constexpr bool operator==(const truth& a, const truth& b) { return a.value == b.value; }

private:
    static constexpr bool same(const char* a, const char* b) {
        while (*a != '\0' && *a == *b) ++a, ++b;
        return *a == *b;
    }
#define ACTLAB_PROOF_UNKNOWN(name)                                                             \
    if (same(m, "actlab: could not prove " name "(f) or its negation within the step budget")) \
        detail::fail("actlab: could not prove " name                                           \
                     "(f) or its negation within the step "                                    \
                     "budget");
    static constexpr void fail_unknown(const char* m) {
        ACTLAB_PROOF_UNKNOWN("is_polynomial")
        ACTLAB_PROOF_UNKNOWN("is_even")
        ACTLAB_PROOF_UNKNOWN("is_odd")
        ACTLAB_PROOF_UNKNOWN("is_bounded")
        ACTLAB_PROOF_UNKNOWN("is_monotone_increasing")
        ACTLAB_PROOF_UNKNOWN("is_idempotent")
        ACTLAB_PROOF_UNKNOWN("universal_approximator")
        detail::fail("actlab: could not prove the claim within the step budget");
    }
#undef ACTLAB_PROOF_UNKNOWN
};

}  // namespace actlab
