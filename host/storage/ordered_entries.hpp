#pragma once
// The entries of one key space in key order: a B+tree whose leaves hold sorted arrays of
// EntryBlock pointers. Next to a std::map it costs 9-13 bytes per entry instead of a 112-byte
// node (plus a separate key string), and a lookup or a scan walks a few arrays instead of
// chasing a pointer per level through twenty levels of scattered nodes.
//
// Keys compare as std::string_view does, which is the order the stores promise: bytes as
// unsigned char (char_traits<char>::compare is memcmp), a prefix before the longer keys.
// Unlike std::map, every insert or erase invalidates every iterator; the views key() and
// value() of an entry stay valid until that entry is replaced or erased.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "storage/entry_block.hpp"

namespace floci::host::storage {

namespace ordered_entries_detail {

// Entries per leaf: 63 plus one spare slot, so an insert can land before the leaf splits and
// a leaf is 8 + 16 + 64 * 8 = 536 bytes.
inline constexpr std::size_t kLeafCapacity = 63;

struct Node {
    explicit Node(bool leaf) : is_leaf(leaf) {}
    const bool is_leaf;
    std::uint16_t count = 0;  // entries of a leaf, children of an inner node
};

// Leaves are linked both ways, which is all an iterator needs to walk the tree. A leaf does not
// free its blocks: OrderedEntries does, as blocks move between leaves on splits and merges.
struct Leaf : Node {
    Leaf() : Node(true) {}
    Leaf* prev = nullptr;
    Leaf* next = nullptr;
    EntryBlock* entries[kLeafCapacity + 1];
};

struct Inner;  // Only ordered_entries.cpp needs its layout.

}  // namespace ordered_entries_detail

class OrderedEntries {
    using Leaf = ordered_entries_detail::Leaf;
    using Node = ordered_entries_detail::Node;
    using Inner = ordered_entries_detail::Inner;

  public:
    // A position in the entries. end() is one past the last entry of the last leaf, so that
    // --end() is the last entry.
    class Iterator {
      public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = EntryBlock;
        using difference_type = std::ptrdiff_t;
        using pointer = const EntryBlock*;
        using reference = const EntryBlock&;

        Iterator() = default;
        reference operator*() const { return *leaf_->entries[index_]; }
        pointer operator->() const { return leaf_->entries[index_]; }
        Iterator& operator++() {
            if (++index_ == leaf_->count && leaf_->next) {
                leaf_ = leaf_->next;
                index_ = 0;
            }
            return *this;
        }
        Iterator& operator--() {
            if (index_ == 0) {
                leaf_ = leaf_->prev;
                index_ = leaf_->count;
            }
            --index_;
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            ++*this;
            return before;
        }
        Iterator operator--(int) {
            Iterator before = *this;
            --*this;
            return before;
        }
        friend bool operator==(const Iterator&, const Iterator&) = default;

      private:
        friend class OrderedEntries;
        Iterator(const Leaf* leaf, std::size_t index) : leaf_(leaf), index_(index) {}
        const Leaf* leaf_ = nullptr;
        std::size_t index_ = 0;
    };
    using const_iterator = Iterator;

    OrderedEntries() = default;
    OrderedEntries(const OrderedEntries& other);
    OrderedEntries(OrderedEntries&& other) noexcept { swap(other); }
    OrderedEntries& operator=(const OrderedEntries& other);
    OrderedEntries& operator=(OrderedEntries&& other) noexcept;
    ~OrderedEntries() { clear(); }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    Iterator begin() const { return head_ ? Iterator(head_, 0) : Iterator(); }
    Iterator end() const { return tail_ ? Iterator(tail_, tail_->count) : Iterator(); }

    Iterator find(std::string_view key) const;
    // The first entry whose key is at or above `key` / above `key`.
    Iterator lower_bound(std::string_view key) const;
    Iterator upper_bound(std::string_view key) const;

    // Puts key => value and returns the entry it replaced, or null if the key is new.
    EntryBlock::Ptr insert_or_assign(std::string_view key, std::string_view value);
    // Removes the key and returns its entry, or null if there was none.
    EntryBlock::Ptr erase(std::string_view key);
    // Adds an entry whose key sorts after every key present (loading a checkpoint, copying):
    // constant time while the last leaf has room, and it leaves the leaves full.
    void append(std::string_view key, std::string_view value);
    void clear() noexcept;
    void swap(OrderedEntries& other) noexcept;

  private:
    // A node that overflowed and split in two: the new right half, and the key that separates
    // it from the left half (at or below every key on its right, above every key on its left).
    struct Split {
        std::string separator;
        Node* right;
    };

    // The position `index` of `leaf`, moved to the start of the next leaf when it is one past
    // the end of a leaf that is not the last.
    static Iterator at(const Leaf* leaf, std::size_t index);
    static const Leaf* find_leaf(const Node* node, std::string_view key);

    // Tree changes after the new block is allocated are noexcept: a split or merge that cannot
    // allocate ends the process rather than leave a half-changed tree behind.
    std::optional<Split> insert(Node* node, EntryBlock::Ptr block,
                                EntryBlock::Ptr& replaced) noexcept;
    std::optional<Split> insert_into_leaf(Leaf& leaf, EntryBlock::Ptr block,
                                          EntryBlock::Ptr& replaced) noexcept;
    Split split_leaf(Leaf& left, bool appending) noexcept;
    static Split split_inner(Inner& left) noexcept;
    void grow_root(Split split) noexcept;
    bool erase(Node* node, std::string_view key, EntryBlock::Ptr& removed) noexcept;
    void shrink_root() noexcept;
    void rebalance(Inner& parent, std::size_t child) noexcept;
    void rebalance_leaves(Inner& parent, std::size_t left_child, Leaf& left, Leaf& right) noexcept;
    static void rebalance_inners(Inner& parent, std::size_t left_child, Inner& left,
                                 Inner& right) noexcept;
    static void destroy(Node* node) noexcept;

    Node* root_ = nullptr;  // null when empty: an empty key space allocates nothing
    Leaf* head_ = nullptr;
    Leaf* tail_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace floci::host::storage
