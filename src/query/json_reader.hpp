// A strict, small JSON reader for one query line: walks an object's members without building
// a document, so a batch reads millions of lines without allocating per value.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warrant::json {

struct ReadError {
    std::size_t offset;
    std::string message;
};

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    // Calls `member(key)` for each member of the object at the cursor; `member` must consume
    // the value with one of the read_* or skip calls. Throws ReadError on malformed input.
    template <typename F>
    void read_object(F&& member) {
        space();
        expect('{');
        space();
        if (peek() == '}') {
            ++pos_;
            return;
        }
        while (true) {
            space();
            std::string key = read_string();
            space();
            expect(':');
            space();
            member(std::string_view(key));
            space();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect('}');
            return;
        }
    }

    std::string read_string();  // unescaped, validated UTF-8
    bool read_bool();
    bool at_null();             // consumes `null` when it is there
    std::string_view raw_value();  // any value, as written
    void skip_value() { (void)raw_value(); }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void expect_end();          // only white space may follow
    std::size_t offset() const { return pos_; }
    [[noreturn]] void fail(std::string message) const { throw ReadError{pos_, std::move(message)}; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;

    void space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n')) ++pos_;
    }
    void expect(char c);
    void skip_number();
    void skip_literal(std::string_view word);
};

}  // namespace warrant::json
