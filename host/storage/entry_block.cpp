#include "storage/entry_block.hpp"

#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>

namespace floci::host::storage {
namespace {

std::uint32_t checked_size(std::size_t size) {
    if (size > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("storage entry key or value of 4 GiB or more");
    }
    return static_cast<std::uint32_t>(size);
}

}  // namespace

EntryBlock::Ptr EntryBlock::make(std::string_view key, std::string_view value) {
    const std::uint32_t key_size = checked_size(key.size());
    const std::uint32_t value_size = checked_size(value.size());
    // Exactly the bytes needed: no spare capacity, unlike a std::string built by appending.
    void* memory = ::operator new(sizeof(EntryBlock) + key.size() + value.size());
    Ptr block(new (memory) EntryBlock(key_size, value_size));
    if (!key.empty()) std::memcpy(block->bytes(), key.data(), key.size());
    if (!value.empty()) std::memcpy(block->bytes() + key.size(), value.data(), value.size());
    return block;
}

void EntryBlock::Free::operator()(EntryBlock* block) const noexcept {
    // The header is trivially destructible: freeing the memory is all there is to do.
    ::operator delete(block);
}

}  // namespace floci::host::storage
