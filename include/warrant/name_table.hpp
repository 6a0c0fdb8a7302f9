// A map from names to indices for look-ups on the answering path: open addressing over one flat
// array of 32-byte slots, each holding a tag of the name's hash, the entry it points to, its
// value and, for a name of up to 18 bytes, the name itself. A look-up in a catalogue of 100,000
// models then reads one slot (one cache line), not a bucket, a node and a key in three places.
// Entries keep the order they were added in.
#pragma once

#include <cstdint>
#include <cstring>
#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace warrant {

template <typename Value>
class NameTable {
    static_assert(sizeof(Value) <= 4 && std::is_trivially_copyable_v<Value>, "a slot holds a copy of the value");

public:
    using Entry = std::pair<std::string, Value>;
    using const_iterator = typename std::vector<Entry>::const_iterator;

    void reserve(std::size_t n) {
        entries_.reserve(n);
        if (n * 10 > slots_.size() * 7) rehash(n * 10 / 7 + 1);
    }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    const_iterator begin() const { return entries_.begin(); }
    const_iterator end() const { return entries_.end(); }

    // Adds `name` unless present; returns where it is and whether it was added.
    std::pair<const_iterator, bool> emplace(std::string name, Value value) {
        if ((entries_.size() + 1) * 10 > slots_.size() * 7) rehash(std::max<std::size_t>(16, slots_.size() * 2));
        if (const auto it = find(name); it != end()) return {it, false};
        place(name, static_cast<std::uint32_t>(entries_.size()), value);
        entries_.emplace_back(std::move(name), std::move(value));
        return {entries_.end() - 1, true};
    }

    const_iterator find(std::string_view name) const {
        const Slot* slot = find_slot(name);
        return slot ? entries_.begin() + static_cast<std::ptrdiff_t>(slot->entry) : end();
    }
    // The value of `name`, or null: read from the slot, without touching the entries.
    const Value* find_value(std::string_view name) const {
        const Slot* slot = find_slot(name);
        return slot ? &slot->value : nullptr;
    }
    // Starts loading the slot where a look-up of `name` begins.
    void prefetch(std::string_view name) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[hash(name) & mask_]);
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
    static constexpr std::uint32_t no_entry = ~std::uint32_t{0};
    static constexpr std::size_t inline_bytes = 18;
    static constexpr std::uint8_t long_name = 0xff;  // `length` of a name kept only in its entry
    struct alignas(32) Slot {
        char name[inline_bytes];
        std::uint8_t length = 0;
        std::uint8_t unused = 0;
        std::uint32_t tag = 0;
        std::uint32_t entry = no_entry;
        Value value{};
    };
    static_assert(sizeof(Slot) == 32);
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::vector<Entry> entries_;

    static std::uint64_t hash(std::string_view name) { return std::hash<std::string_view>{}(name); }

    const Slot* find_slot(std::string_view name) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash(name);
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.entry == no_entry) return nullptr;
            if (slot.tag != tag) continue;
            const bool same = slot.length == long_name ? entries_[slot.entry].first == name
                                                       : slot.length == name.size() && std::memcmp(slot.name, name.data(), name.size()) == 0;
            if (same) return &slot;
        }
    }

    void place(std::string_view name, std::uint32_t entry, const Value& value) {
        const std::uint64_t h = hash(name);
        std::size_t i = h & mask_;
        while (slots_[i].entry != no_entry) i = (i + 1) & mask_;
        Slot& slot = slots_[i];
        slot.tag = static_cast<std::uint32_t>(h >> 32);
        slot.entry = entry;
        slot.value = value;
        if (name.size() <= inline_bytes) {
            slot.length = static_cast<std::uint8_t>(name.size());
            std::memcpy(slot.name, name.data(), name.size());
        } else {
            slot.length = long_name;
        }
    }

    void rehash(std::size_t at_least) {
        std::size_t n = 16;
        while (n < at_least) n *= 2;
        slots_.assign(n, Slot{});
        mask_ = n - 1;
        for (std::size_t e = 0; e < entries_.size(); ++e) place(entries_[e].first, static_cast<std::uint32_t>(e), entries_[e].second);
    }
};

}  // namespace warrant
