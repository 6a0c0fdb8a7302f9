// A strict, small JSON reader for one query line: walks an object's members without building
// a document, so a batch reads millions of lines without allocating per value.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "support/json_scan.hpp"

namespace warrant::json {

// Where and why the text stopped being read.
struct ReadError {
    std::size_t offset = 0;
    std::string message;
    // An object names the same member twice (`{"id":1,"id":2}`): an error of its own, because
    // the text is valid JSON but its meaning is not. Empty for any other error.
    std::optional<std::string> duplicate_key;
};

// The keys of one object read so far. Linear for the few keys a query has; a hash set past
// that, so that an object of many keys costs linear time too.
class KeySet {
public:
    // False when `key` was already there. `stable` says whether `key` outlives the object's
    // reading (it views the text); if not, it is copied.
    bool insert(std::string_view key, bool stable) {
        if (!large_ && stable && count_ < inline_keys) {
            for (std::size_t i = 0; i < count_; ++i) {
                if (std::string_view(small_data_[i], small_size_[i]) == key) return false;
            }
            small_data_[count_] = key.data();
            small_size_[count_++] = key.size();
            return true;
        }
        return insert_large(key, stable);
    }

private:
    static constexpr std::size_t inline_keys = 16;
    struct Large {
        std::deque<std::string> copies;  // keys with escapes; a deque keeps their addresses
        std::unordered_set<std::string_view> keys;
    };
    // Left uninitialised (only the first count_ are read): an object is read per line, and
    // zeroing 16 views twice a line showed in a batch's profile.
    const char* small_data_[inline_keys];
    std::size_t small_size_[inline_keys];
    std::size_t count_ = 0;
    std::unique_ptr<Large> large_;  // past inline_keys keys, or from the first key with escapes

    bool insert_large(std::string_view key, bool stable);
};

// The reader does not throw: the first error is kept (error()), the cursor moves to the end
// of the text, and every later read returns at once with an empty value. A batch of lines
// that fail to read costs no unwinding. Callers check failed() before using a value.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    // Calls `member(key)` for each member of the object at the cursor; `member` must consume
    // the value with one of the read_* or skip calls. Stops at the first error.
    template <typename F>
    void read_object(F&& member) {
        space();
        expect('{');
        space();
        if (peek() == '}') {
            ++pos_;
            return;
        }
        std::string unescaped_key;  // used only when a key has escapes
        KeySet keys;
        while (!failed()) {
            space();
            const std::size_t key_at = pos_;
            const std::string_view key = read_string(unescaped_key);
            if (failed()) return;
            if (!keys.insert(key, views_text(key))) {
                fail_duplicate(key_at, key);
                return;
            }
            space();
            expect(':');
            if (failed()) return;
            space();
            member(key);
            if (failed()) return;
            space();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect('}');
            return;
        }
    }

    // The string at the cursor, unescaped and validated UTF-8. Most strings have no escapes and
    // are returned as a view into the text; only a string with escapes is unescaped, into
    // `storage`, and the view is then into `storage`.
    std::string_view read_string(std::string& storage) {
        if (peek() != '"') {
            fail("expected a string");
            return {};
        }
        const std::size_t start = pos_ + 1;
        // Inline for the common string: plain ASCII up to the closing quote.
        if (const std::size_t end = skip_plain(text_, start, true); end < text_.size() && text_[end] == '"') {
            pos_ = end + 1;
            return text_.substr(start, end - start);
        }
        return read_unusual_string(start, storage);
    }
    bool read_bool();
    bool at_null() {            // consumes `null` when it is there
        if (peek() != 'n' || text_.substr(pos_, 4) != "null") return false;
        pos_ += 4;
        return true;
    }
    std::string_view raw_value();  // any value, as written
    // The number at the cursor, as written. A plain integer, what queries give, is read here;
    // any other form (a sign, a fraction, an exponent, a bad leading zero) by raw_value.
    std::string_view raw_number();
    void skip_value() { (void)raw_value(); }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    // Whether `s` views the text being read, rather than a caller's unescaping storage.
    bool views_text(std::string_view s) const {
        return std::less_equal<>()(text_.data(), s.data()) &&
               std::less_equal<>()(s.data() + s.size(), text_.data() + text_.size());
    }
    void expect_end();          // only white space may follow
    std::size_t offset() const { return pos_; }
    // Records `message` at the cursor as the error, unless one was recorded before, and stops
    // the reading.
    void fail(std::string message);
    bool failed() const { return error_ != nullptr; }
    const ReadError* error() const { return error_.get(); }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::unique_ptr<ReadError> error_;  // allocated only for a line that fails

    void space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n')) ++pos_;
    }
    void expect(char c) {
        if (peek() != c) return fail_expected(c);
        ++pos_;
    }
    void fail_expected(char c);
    void fail_duplicate(std::size_t at, std::string_view key);
    std::string_view read_unusual_string(std::size_t start, std::string& storage);
    std::string_view read_escaped_string(std::size_t start, std::string& storage);
    void unescape_one(std::string& out);
    void check_utf8(std::string_view text);
    void skip_number();
    void skip_literal(std::string_view word);
};

}  // namespace warrant::json
