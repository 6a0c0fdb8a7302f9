#include "query/json_reader.hpp"

#include "support/utf8.hpp"

namespace warrant::json {

namespace {
constexpr int max_depth = 64;

}  // namespace

bool KeySet::insert_large(std::string_view key, bool stable) {
    if (!large_) {
        large_ = std::make_unique<Large>();
        for (std::size_t i = 0; i < count_; ++i) large_->keys.emplace(small_data_[i], small_size_[i]);
    }
    if (large_->keys.count(key)) return false;
    if (!stable) key = large_->copies.emplace_back(key);
    large_->keys.insert(key);
    return true;
}

void Reader::fail(std::string message) {
    if (!error_) error_ = std::make_unique<ReadError>(ReadError{pos_, std::move(message), std::nullopt});
    pos_ = text_.size();
}

void Reader::fail_expected(char c) {
    if (pos_ >= text_.size()) return fail(std::string("the line ends where `") + c + "` was expected");
    fail(std::string("expected `") + c + "`");
}

void Reader::fail_duplicate(std::size_t at, std::string_view key) {
    if (!error_) error_ = std::make_unique<ReadError>(ReadError{at, "a member is given twice", std::string(key)});
    pos_ = text_.size();
}

// A string with non-ASCII bytes, escapes or control characters, or one not closed.
std::string_view Reader::read_unusual_string(std::size_t start, std::string& storage) {
    pos_ = start;
    bool ascii = true;  // UTF-8 needs checking only when a byte >= 0x80 occurs
    while (true) {
        pos_ = skip_plain(text_, pos_, ascii);
        if (pos_ >= text_.size()) {
            fail("the string is not closed");
            return {};
        }
        const char c = text_[pos_];
        if (c == '"') break;
        if (c == '\\') return read_escaped_string(start, storage);
        if (static_cast<unsigned char>(c) < 0x20) {
            fail("control character in a string");
            return {};
        }
        ascii = false;
    }
    const std::string_view value = text_.substr(start, pos_ - start);
    ++pos_;
    if (!ascii) check_utf8(value);
    return failed() ? std::string_view() : value;
}

// The slow path, from the first escape on: unescapes the whole string into `storage`.
std::string_view Reader::read_escaped_string(std::size_t start, std::string& storage) {
    storage.assign(text_.substr(start, pos_ - start));
    while (!failed()) {
        if (pos_ >= text_.size()) {
            fail("the string is not closed");
            break;
        }
        const char c = text_[pos_];
        if (c == '"') break;
        if (static_cast<unsigned char>(c) < 0x20) {
            fail("control character in a string");
            break;
        }
        if (c == '\\') {
            unescape_one(storage);
        } else {
            storage.push_back(c);
            ++pos_;
        }
    }
    if (failed()) return {};
    ++pos_;
    check_utf8(storage);
    return failed() ? std::string_view() : std::string_view(storage);
}

// Appends the character of the escape at the cursor (a backslash) and moves past it.
void Reader::unescape_one(std::string& out) {
    ++pos_;
    const char e = peek();
    ++pos_;
    switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            // Four hex digits; false (with the error recorded) when they are not there.
            const auto hex4 = [&](char32_t& v) {
                if (pos_ + 4 > text_.size()) {
                    fail("incomplete \\u escape");
                    return false;
                }
                v = 0;
                for (int i = 0; i < 4; ++i) {
                    const char h = text_[pos_++];
                    v <<= 4;
                    if (h >= '0' && h <= '9') v |= static_cast<char32_t>(h - '0');
                    else if (h >= 'a' && h <= 'f') v |= static_cast<char32_t>(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F') v |= static_cast<char32_t>(h - 'A' + 10);
                    else {
                        fail("bad hex digit in a \\u escape");
                        return false;
                    }
                }
                return true;
            };
            char32_t cp = 0;
            if (!hex4(cp)) return;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate in a \\u escape");
                pos_ += 2;
                char32_t low = 0;
                if (!hex4(low)) return;
                if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate in a \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail("unpaired surrogate in a \\u escape");
            }
            utf8::append(out, cp);
            break;
        }
        default: --pos_; fail("unknown escape in a string");
    }
}

// Reported at the cursor, just past the closing quote, as the reader always has.
void Reader::check_utf8(std::string_view text) {
    if (utf8::find_invalid(text) != std::string_view::npos) fail("a string is not valid UTF-8");
}

bool Reader::read_bool() {
    if (text_.substr(pos_, 4) == "true") {
        pos_ += 4;
        return true;
    }
    if (text_.substr(pos_, 5) == "false") {
        pos_ += 5;
        return false;
    }
    fail("expected `true` or `false`");
    return false;
}

void Reader::skip_literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("unexpected text");
    pos_ += word.size();
}

void Reader::skip_number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
        ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
        while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
        pos_ = start;
        return fail("unexpected text");
    }
    if (peek() == '.') {
        ++pos_;
        if (!(peek() >= '0' && peek() <= '9')) return fail("a number needs digits after `.`");
        while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
        ++pos_;
        if (peek() == '+' || peek() == '-') ++pos_;
        if (!(peek() >= '0' && peek() <= '9')) return fail("a number needs digits in its exponent");
        while (peek() >= '0' && peek() <= '9') ++pos_;
    }
}

std::string_view Reader::raw_value() {
    const std::size_t start = pos_;
    switch (peek()) {
        case '"': {
            std::string unescaped;
            (void)read_string(unescaped);
            break;
        }
        case 't': skip_literal("true"); break;
        case 'f': skip_literal("false"); break;
        case 'n': skip_literal("null"); break;
        case '{':
        case '[': {
            if (++depth_ > max_depth) {
                fail("nested too deeply");
                break;
            }
            const char close = peek() == '{' ? '}' : ']';
            ++pos_;
            space();
            if (peek() == close) {
                ++pos_;
            } else {
                while (!failed()) {
                    space();
                    if (close == '}') {
                        std::string unescaped;
                        (void)read_string(unescaped);
                        space();
                        expect(':');
                        space();
                    }
                    (void)raw_value();
                    space();
                    if (peek() == ',') {
                        ++pos_;
                        continue;
                    }
                    expect(close);
                    break;
                }
            }
            --depth_;
            break;
        }
        default: skip_number();
    }
    return failed() ? std::string_view() : text_.substr(start, pos_ - start);
}

std::string_view Reader::raw_number() {
    const std::size_t start = pos_;
    std::size_t end = start;
    while (end < text_.size() && text_[end] >= '0' && text_[end] <= '9') ++end;
    const bool plain = end > start && (text_[start] != '0' || end == start + 1) &&
                       (end == text_.size() || (text_[end] != '.' && text_[end] != 'e' && text_[end] != 'E'));
    if (!plain) return raw_value();
    pos_ = end;
    return text_.substr(start, end - start);
}

void Reader::expect_end() {
    space();
    if (pos_ < text_.size()) fail("unexpected text after the object");
}

}  // namespace warrant::json
