// A map from names to indices for look-ups on the answering path: open addressing over one flat
// array of slots, each a tag of the name's hash and the entry it points to, so that a look-up
// in a catalogue of 100,000 models costs one slot and one entry, not a bucket, a node and a key.
// Entries keep the order they were added in.
#pragma once

#include <cstdint>
#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warrant {

template <typename Value>
class NameTable {
public:
    using Entry = std::pair<std::string, Value>;
    using const_iterator = typename std::vector<Entry>::const_iterator;

    void reserve(std::size_t n) {
        entries_.reserve(n);
        if (n * 2 > slots_.size()) rehash(n * 2);
    }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    const_iterator begin() const { return entries_.begin(); }
    const_iterator end() const { return entries_.end(); }

    // Adds `name` unless present; returns where it is and whether it was added.
    std::pair<const_iterator, bool> emplace(std::string name, Value value) {
        if ((entries_.size() + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
        const std::uint64_t h = hash(name);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const std::uint64_t slot = slots_[i];
            if (slot == empty_slot) {
                slots_[i] = (h >> 32) << 32 | entries_.size();
                entries_.emplace_back(std::move(name), std::move(value));
                return {entries_.end() - 1, true};
            }
            if ((slot >> 32) == (h >> 32) && entries_[slot & index_mask].first == name) {
                return {entries_.begin() + static_cast<std::ptrdiff_t>(slot & index_mask), false};
            }
        }
    }

    const_iterator find(std::string_view name) const {
        if (slots_.empty()) return end();
        const std::uint64_t h = hash(name);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const std::uint64_t slot = slots_[i];
            if (slot == empty_slot) return end();
            if ((slot >> 32) == (h >> 32) && entries_[slot & index_mask].first == name) {
                return entries_.begin() + static_cast<std::ptrdiff_t>(slot & index_mask);
            }
        }
    }
    std::size_t count(std::string_view name) const { return find(name) == end() ? 0 : 1; }
    const Value& at(std::string_view name) const {
        const auto it = find(name);
        if (it == end()) throw std::out_of_range("NameTable::at");
        return it->second;
    }

    // Equal when they hold the same names with the same values, in any order.
    friend bool operator==(const NameTable& a, const NameTable& b) {
        if (a.size() != b.size()) return false;
        for (const Entry& e : a) {
            const auto it = b.find(e.first);
            if (it == b.end() || !(it->second == e.second)) return false;
        }
        return true;
    }

private:
    static constexpr std::uint64_t empty_slot = ~std::uint64_t{0};
    static constexpr std::uint64_t index_mask = 0xffffffffu;
    std::vector<std::uint64_t> slots_;  // (hash >> 32) << 32 | entry, or empty_slot
    std::size_t mask_ = 0;
    std::vector<Entry> entries_;

    static std::uint64_t hash(std::string_view name) { return std::hash<std::string_view>{}(name); }

    void rehash(std::size_t at_least) {
        std::size_t n = 16;
        while (n < at_least) n *= 2;
        slots_.assign(n, empty_slot);
        mask_ = n - 1;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            const std::uint64_t h = hash(entries_[e].first);
            std::size_t i = h & mask_;
            while (slots_[i] != empty_slot) i = (i + 1) & mask_;
            slots_[i] = (h >> 32) << 32 | e;
        }
    }
};

}  // namespace warrant
