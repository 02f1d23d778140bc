// actlab: running run-time work on a stack of its own (internal).
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#if __has_include(<pthread.h>)
#include <pthread.h>
#define ACTLAB_DETAIL_HAS_PTHREAD 1
#else
#define ACTLAB_DETAIL_HAS_PTHREAD 0
#endif
#if __has_include(<mpfr.h>)
#include <mpfr.h>
#define ACTLAB_DETAIL_HAS_MPFR 1
#else
#define ACTLAB_DETAIL_HAS_MPFR 0
#endif

namespace actlab::detail {

//! Address space reserved for the stack of the analyses: pages are committed only when
//! touched, so this costs what is used (the deepest analysis of the catalogue uses ~6 MB).
inline constexpr std::size_t analysis_stack_bytes = std::size_t{256} << 20;

//! Whether this thread already runs on a stack from `on_large_stack`.
inline bool& on_large_stack_now() {
    thread_local bool flag = false;
    return flag;
}

//! fn() run on a thread with a stack of `bytes`, its result returned or its exception
//! rethrown here; directly when already on such a stack.
//!
//! An `expr` is ~30 KB and the analyses recurse through several of them, so their depth in
//! bytes is out of proportion to the caller's: a worker thread has 128 KB to 8 MB depending
//! on the platform. The analyses' public entry points run through this, so that they need
//! almost nothing of the caller's stack, whatever thread calls them.
template <class F>
std::invoke_result_t<F&> on_large_stack(F&& fn, std::size_t bytes = analysis_stack_bytes) {
    using result = std::invoke_result_t<F&>;
#if ACTLAB_DETAIL_HAS_PTHREAD
    if (on_large_stack_now()) return fn();
    struct job {
        F* fn;
        std::conditional_t<std::is_void_v<result>, bool, std::optional<result>> value{};
        std::exception_ptr failure;
        static void* run(void* p) {
            job& j = *static_cast<job*>(p);
            on_large_stack_now() = true;
            try {
                if constexpr (std::is_void_v<result>) {
                    (*j.fn)();
                } else {
                    j.value.emplace((*j.fn)());
                }
            } catch (...) {
                j.failure = std::current_exception();
            }
#if ACTLAB_DETAIL_HAS_MPFR
            // The work done here is MPFR's: its per-thread caches (constants, pools) are
            // otherwise lost when this thread ends (LeakSanitizer: ~6 KB per thread).
            mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
#endif
            return nullptr;
        }
    };
    job j{&fn, {}, {}};
    pthread_attr_t attr;
    pthread_t thread;
    if (pthread_attr_init(&attr) != 0) return fn();
    const bool started = pthread_attr_setstacksize(&attr, bytes) == 0 &&
                         pthread_create(&thread, &attr, &job::run, &j) == 0;
    pthread_attr_destroy(&attr);
    if (!started) return fn();  // no thread to be had: the caller's stack it is
    pthread_join(thread, nullptr);
    if (j.failure) std::rethrow_exception(j.failure);
    if constexpr (!std::is_void_v<result>) return std::move(*j.value);
#else
    (void)bytes;
    return fn();
#endif
}

}  // namespace actlab::detail
