#pragma once
// One stored entry of a key space: its key and value bytes in a single heap block. An entry
// then costs one allocation and one malloc header, where a std::map<std::string, std::string>
// node costs three (node, key, value) plus the spare capacity of the strings.
#include <cstdint>
#include <memory>
#include <string_view>

namespace floci::host::storage {

// Blocks never change once made: putting a new value for a key makes a new block, so a
// string_view handed out by key() or value() stays valid until its block is freed.
class EntryBlock {
  public:
    struct Free {
        void operator()(EntryBlock* block) const noexcept;
    };
    using Ptr = std::unique_ptr<EntryBlock, Free>;

    // Throws std::length_error for a key or a value of 4 GiB or more (the lengths are 32-bit,
    // far above what any plugin stores).
    static Ptr make(std::string_view key, std::string_view value);

    std::string_view key() const { return {bytes(), key_size_}; }
    std::string_view value() const { return {bytes() + key_size_, value_size_}; }

    EntryBlock(const EntryBlock&) = delete;
    EntryBlock& operator=(const EntryBlock&) = delete;

  private:
    EntryBlock(std::uint32_t key_size, std::uint32_t value_size)
        : key_size_(key_size), value_size_(value_size) {}
    // The key bytes, then the value bytes, follow the header in the same allocation.
    const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }
    char* bytes() { return reinterpret_cast<char*>(this + 1); }

    std::uint32_t key_size_;
    std::uint32_t value_size_;
};

}  // namespace floci::host::storage
