// actlab: a small streaming JSON writer for reports — objects, arrays, strings, numbers as
// decimal strings (every real number of actlab's output is a string: "0.25", "inf"), null,
// booleans; two-space indentation, keys in the order written (needs MPFR).
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/report/number.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::report {

class json_writer {
public:
    explicit json_writer(std::ostream& out) : out_(out) {}
    ~json_writer() { out_ << '\n'; }
    json_writer(const json_writer&) = delete;
    json_writer& operator=(const json_writer&) = delete;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    //! The key of the next value inside an object.
    json_writer& key(std::string_view k) {
        separate();
        write_string(k);
        out_ << ": ";
        after_key_ = true;
        return *this;
    }
    void value(std::string_view s) {
        separate();
        write_string(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    void value(bool b) {
        separate();
        out_ << (b ? "true" : "false");
    }
    void integer(long long v) {
        separate();
        out_ << v;
    }
    void null() {
        separate();
        out_ << "null";
    }
    //! A two-precision result: its digits, or null when unknown.
    void value(const approx& a) {
        if (a.known())
            value(std::string_view(text(a)));
        else
            null();
    }
    template <class T>
    void value(const std::optional<T>& v) {
        if (v)
            value(*v);
        else
            null();
    }

private:
    void open(char c) {
        separate();
        out_ << c;
        first_.push_back(true);
    }
    void close(char c) {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) newline();
        out_ << c;
    }
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (first_.empty()) return;
        if (!first_.back()) out_ << ',';
        first_.back() = false;
        newline();
    }
    void newline() { out_ << '\n' << std::string(2 * first_.size(), ' '); }
    void write_string(std::string_view s) {
        out_ << '"';
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
                case '"': out_ << "\\\""; break;
                case '\\': out_ << "\\\\"; break;
                case '\n': out_ << "\\n"; break;
                case '\t': out_ << "\\t"; break;
                case '\r': out_ << "\\r"; break;
                default:
                    if (c < 0x20) {
                        const char* hex = "0123456789abcdef";
                        out_ << "\\u00" << hex[c >> 4] << hex[c & 15];
                    } else {
                        out_ << ch;
                    }
            }
        }
        out_ << '"';
    }

    std::ostream& out_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

}  // namespace actlab::report
