// Little-endian bytes in and out: the writer an image is made with, and a reader that treats
// the bytes as hostile. Every read checks that its bytes are there; the first that fails stops
// the cursor (every later read yields zeros and empty text), so a decoder checks `ok()` where
// it must, not after every field, and never reads outside the bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace warrant::image {

class ByteWriter {
public:
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) {
        char b[4];
        for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
        out_.append(b, 4);
    }
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void u64(std::uint64_t v) {
        char b[8];
        for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
        out_.append(b, 8);
    }
    // A length (u32) and the bytes.
    void text(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out_.append(s);
    }
    std::string& bytes() { return out_; }

private:
    std::string out_;
};

inline std::uint32_t load_u32(const char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

inline std::uint64_t load_u64(const char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

class ByteCursor {
public:
    explicit ByteCursor(std::string_view bytes) : bytes_(bytes) {}

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    std::size_t left() const { return bytes_.size() - at_; }
    // Where the cursor is; once it has failed, where the first failure was.
    std::size_t offset() const { return ok() ? at_ : failed_at_; }

    // Stops the cursor with a reason (the first reason is kept).
    void fail(std::string why) {
        if (!error_.empty()) return;
        error_ = std::move(why);
        failed_at_ = at_;
        at_ = bytes_.size();
    }

    std::string_view take(std::size_t n) {
        if (!ok()) return {};
        if (n > left()) {
            fail("it ends in the middle of a record");
            return {};
        }
        const std::string_view out = bytes_.substr(at_, n);
        at_ += n;
        return out;
    }
    std::uint8_t u8() {
        const std::string_view b = take(1);
        return b.empty() ? 0 : static_cast<std::uint8_t>(b[0]);
    }
    std::uint32_t u32() {
        const std::string_view b = take(4);
        return b.empty() ? 0 : load_u32(b.data());
    }
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::uint64_t u64() {
        const std::string_view b = take(8);
        return b.empty() ? 0 : load_u64(b.data());
    }
    std::string_view text() { return take(u32()); }

    // How many items follow, each at least `min_item_bytes` long: a count the bytes left cannot
    // hold stops the cursor, so that a corrupt count never makes the reader allocate or loop.
    std::size_t count(std::size_t min_item_bytes) {
        const std::uint32_t n = u32();
        if (!ok()) return 0;
        if (min_item_bytes > 0 && n > left() / min_item_bytes) {
            fail("a table is longer than the bytes that hold it");
            return 0;
        }
        return n;
    }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
    std::size_t failed_at_ = 0;
    std::string error_;
};

}  // namespace warrant::image
