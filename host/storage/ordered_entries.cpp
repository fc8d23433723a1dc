#include "storage/ordered_entries.hpp"

#include <algorithm>
#include <cassert>

namespace floci::host::storage {
namespace ordered_entries_detail {

// Children per inner node: 64 plus one spare slot, as for leaves. There is one inner node per
// 32 to 64 leaves, so their 2.6 KB barely counts, and a wide node keeps the tree shallow.
inline constexpr std::size_t kInnerCapacity = 64;

// keys[i] separates children[i] and children[i + 1]: every key under children[i] is below it,
// every key under children[i + 1] is at or above it. Separators are copies, not pointers to
// blocks, so erasing the entry a separator came from leaves the tree valid.
struct Inner : Node {
    Inner() : Node(false) {}
    std::string keys[kInnerCapacity];
    Node* children[kInnerCapacity + 1];
};

}  // namespace ordered_entries_detail

namespace {

using ordered_entries_detail::Inner;
using ordered_entries_detail::kInnerCapacity;
using ordered_entries_detail::kLeafCapacity;
using ordered_entries_detail::Leaf;
using ordered_entries_detail::Node;

// Below these counts a node left by an erase is merged with a sibling or refilled from it, so
// that erasing most entries gives the memory back. Nodes made by appending may start below.
constexpr std::size_t kLeafMinimum = kLeafCapacity / 2;
constexpr std::size_t kInnerMinimum = kInnerCapacity / 2;

Leaf& as_leaf(Node* node) { return *static_cast<Leaf*>(node); }
Inner& as_inner(Node* node) { return *static_cast<Inner*>(node); }

// The child of `inner` whose subtree holds `key` if any does.
std::size_t child_index(const Inner& inner, std::string_view key) {
    const std::string* keys = inner.keys;
    return std::upper_bound(keys, keys + inner.count - 1, key,
                            [](std::string_view k, const std::string& separator) {
                                return k < std::string_view(separator);
                            }) -
           keys;
}

std::size_t leaf_lower_bound(const Leaf& leaf, std::string_view key) {
    return std::lower_bound(
               leaf.entries, leaf.entries + leaf.count, key,
               [](const EntryBlock* entry, std::string_view k) { return entry->key() < k; }) -
           leaf.entries;
}

std::size_t leaf_upper_bound(const Leaf& leaf, std::string_view key) {
    return std::upper_bound(
               leaf.entries, leaf.entries + leaf.count, key,
               [](std::string_view k, const EntryBlock* entry) { return k < entry->key(); }) -
           leaf.entries;
}

// Removes children[child] of `parent` and the separator on its left (child > 0).
void remove_child(Inner& parent, std::size_t child) {
    std::move(parent.keys + child, parent.keys + parent.count - 1, parent.keys + child - 1);
    std::copy(parent.children + child + 1, parent.children + parent.count, parent.children + child);
    --parent.count;
}

}  // namespace

OrderedEntries::OrderedEntries(const OrderedEntries& other) : OrderedEntries() {
    // Delegating to the default constructor first makes this object complete, so that the
    // destructor frees what was copied if an allocation throws halfway. Appending in order
    // fills every leaf, so a copy (a snapshot) is smaller than its source.
    for (const EntryBlock& entry : other) append(entry.key(), entry.value());
}

OrderedEntries& OrderedEntries::operator=(const OrderedEntries& other) {
    if (this != &other) {
        OrderedEntries copy(other);
        swap(copy);
    }
    return *this;
}

OrderedEntries& OrderedEntries::operator=(OrderedEntries&& other) noexcept {
    if (this != &other) {
        clear();
        swap(other);
    }
    return *this;
}

void OrderedEntries::swap(OrderedEntries& other) noexcept {
    std::swap(root_, other.root_);
    std::swap(head_, other.head_);
    std::swap(tail_, other.tail_);
    std::swap(size_, other.size_);
}

void OrderedEntries::clear() noexcept {
    if (root_) destroy(root_);
    root_ = nullptr;
    head_ = tail_ = nullptr;
    size_ = 0;
}

void OrderedEntries::destroy(Node* node) noexcept {
    if (node->is_leaf) {
        Leaf& leaf = as_leaf(node);
        std::for_each(leaf.entries, leaf.entries + leaf.count, EntryBlock::Free());
        delete &leaf;
    } else {
        Inner& inner = as_inner(node);
        std::for_each(inner.children, inner.children + inner.count, destroy);
        delete &inner;
    }
}

// --- Lookup ---

OrderedEntries::Iterator OrderedEntries::at(const Leaf* leaf, std::size_t index) {
    if (index == leaf->count && leaf->next) return Iterator(leaf->next, 0);
    return Iterator(leaf, index);
}

const Leaf* OrderedEntries::find_leaf(const Node* node, std::string_view key) {
    while (!node->is_leaf) {
        const Inner& inner = *static_cast<const Inner*>(node);
        node = inner.children[child_index(inner, key)];
    }
    return static_cast<const Leaf*>(node);
}

OrderedEntries::Iterator OrderedEntries::find(std::string_view key) const {
    if (!root_) return end();
    const Leaf* leaf = find_leaf(root_, key);
    const std::size_t index = leaf_lower_bound(*leaf, key);
    if (index == leaf->count || leaf->entries[index]->key() != key) return end();
    return Iterator(leaf, index);
}

OrderedEntries::Iterator OrderedEntries::lower_bound(std::string_view key) const {
    if (!root_) return end();
    const Leaf* leaf = find_leaf(root_, key);
    return at(leaf, leaf_lower_bound(*leaf, key));
}

OrderedEntries::Iterator OrderedEntries::upper_bound(std::string_view key) const {
    if (!root_) return end();
    const Leaf* leaf = find_leaf(root_, key);
    return at(leaf, leaf_upper_bound(*leaf, key));
}

// --- Insertion ---

EntryBlock::Ptr OrderedEntries::insert_or_assign(std::string_view key, std::string_view value) {
    EntryBlock::Ptr block = EntryBlock::make(key, value);
    if (!root_) root_ = head_ = tail_ = new Leaf;
    EntryBlock::Ptr replaced;
    if (std::optional<Split> split = insert(root_, std::move(block), replaced)) {
        grow_root(std::move(*split));
    }
    if (!replaced) ++size_;
    return replaced;
}

void OrderedEntries::append(std::string_view key, std::string_view value) {
    assert(!tail_ || tail_->entries[tail_->count - 1]->key() < key);
    // Every separator is at or below some present key, so below `key`: the last leaf is where
    // the key belongs, and filling it changes no separator.
    if (tail_ && tail_->count < kLeafCapacity) {
        tail_->entries[tail_->count++] = EntryBlock::make(key, value).release();
        ++size_;
        return;
    }
    insert_or_assign(key, value);
}

std::optional<OrderedEntries::Split> OrderedEntries::insert(Node* node, EntryBlock::Ptr block,
                                                            EntryBlock::Ptr& replaced) noexcept {
    if (node->is_leaf) return insert_into_leaf(as_leaf(node), std::move(block), replaced);
    Inner& inner = as_inner(node);
    const std::size_t child = child_index(inner, block->key());
    std::optional<Split> split = insert(inner.children[child], std::move(block), replaced);
    if (!split) return std::nullopt;
    // The new right half goes just after the child it came from.
    std::move_backward(inner.keys + child, inner.keys + inner.count - 1, inner.keys + inner.count);
    inner.keys[child] = std::move(split->separator);
    std::copy_backward(inner.children + child + 1, inner.children + inner.count,
                       inner.children + inner.count + 1);
    inner.children[child + 1] = split->right;
    if (++inner.count <= kInnerCapacity) return std::nullopt;
    return split_inner(inner);
}

std::optional<OrderedEntries::Split> OrderedEntries::insert_into_leaf(
    Leaf& leaf, EntryBlock::Ptr block, EntryBlock::Ptr& replaced) noexcept {
    const std::size_t index = leaf_lower_bound(leaf, block->key());
    if (index < leaf.count && leaf.entries[index]->key() == block->key()) {
        replaced.reset(leaf.entries[index]);
        leaf.entries[index] = block.release();
        return std::nullopt;
    }
    std::copy_backward(leaf.entries + index, leaf.entries + leaf.count,
                       leaf.entries + leaf.count + 1);
    leaf.entries[index] = block.release();
    if (++leaf.count <= kLeafCapacity) return std::nullopt;
    return split_leaf(leaf, index + 1 == leaf.count && !leaf.next);
}

OrderedEntries::Split OrderedEntries::split_leaf(Leaf& left, bool appending) noexcept {
    // An entry added after the last key keeps the full leaf full and starts the next one:
    // splitting in halves would leave every leaf half empty under ascending puts.
    const std::size_t keep = appending ? kLeafCapacity : left.count / 2;
    Leaf* right = new Leaf;
    right->count = left.count - keep;
    std::copy(left.entries + keep, left.entries + left.count, right->entries);
    left.count = keep;
    right->prev = &left;
    right->next = left.next;
    (left.next ? left.next->prev : tail_) = right;
    left.next = right;
    return Split{std::string(right->entries[0]->key()), right};
}

OrderedEntries::Split OrderedEntries::split_inner(Inner& left) noexcept {
    // The separator between the halves moves up to the parent instead of staying in a half.
    const std::size_t keep = left.count / 2;
    Inner* right = new Inner;
    right->count = left.count - keep;
    std::move(left.keys + keep, left.keys + left.count - 1, right->keys);
    std::copy(left.children + keep, left.children + left.count, right->children);
    left.count = keep;
    return Split{std::move(left.keys[keep - 1]), right};
}

void OrderedEntries::grow_root(Split split) noexcept {
    Inner* root = new Inner;
    root->count = 2;
    root->children[0] = root_;
    root->children[1] = split.right;
    root->keys[0] = std::move(split.separator);
    root_ = root;
}

// --- Erasure ---

EntryBlock::Ptr OrderedEntries::erase(std::string_view key) {
    EntryBlock::Ptr removed;
    if (!root_) return removed;
    erase(root_, key, removed);
    if (removed) {
        --size_;
        shrink_root();
    }
    return removed;
}

bool OrderedEntries::erase(Node* node, std::string_view key, EntryBlock::Ptr& removed) noexcept {
    if (node->is_leaf) {
        Leaf& leaf = as_leaf(node);
        const std::size_t index = leaf_lower_bound(leaf, key);
        if (index == leaf.count || leaf.entries[index]->key() != key) return false;
        removed.reset(leaf.entries[index]);
        std::copy(leaf.entries + index + 1, leaf.entries + leaf.count, leaf.entries + index);
        return --leaf.count < kLeafMinimum;
    }
    Inner& inner = as_inner(node);
    const std::size_t child = child_index(inner, key);
    if (!erase(inner.children[child], key, removed)) return false;
    rebalance(inner, child);
    return inner.count < kInnerMinimum;
}

void OrderedEntries::shrink_root() noexcept {
    // An inner root left with one child hands the root to it; an empty leaf root goes.
    while (!root_->is_leaf && root_->count == 1) {
        Inner* old = &as_inner(root_);
        root_ = old->children[0];
        delete old;
    }
    if (root_->is_leaf && root_->count == 0) {
        delete &as_leaf(root_);
        root_ = nullptr;
        head_ = tail_ = nullptr;
    }
}

void OrderedEntries::rebalance(Inner& parent, std::size_t child) noexcept {
    // Pair the short child with its left sibling, or with its right one if it is the first.
    const std::size_t left = child > 0 ? child - 1 : 0;
    Node* left_node = parent.children[left];
    Node* right_node = parent.children[left + 1];
    if (left_node->is_leaf) {
        rebalance_leaves(parent, left, as_leaf(left_node), as_leaf(right_node));
    } else {
        rebalance_inners(parent, left, as_inner(left_node), as_inner(right_node));
    }
}

void OrderedEntries::rebalance_leaves(Inner& parent, std::size_t left_child, Leaf& left,
                                      Leaf& right) noexcept {
    if (left.count + right.count <= kLeafCapacity) {
        std::copy(right.entries, right.entries + right.count, left.entries + left.count);
        left.count += right.count;
        left.next = right.next;
        (right.next ? right.next->prev : tail_) = &left;
        delete &right;
        remove_child(parent, left_child + 1);
        return;
    }
    // Too many for one leaf: even the two out. The short one is below the minimum and the
    // pair holds more than a leaf, so at least two entries move.
    if (left.count < right.count) {
        const std::size_t moved = (right.count - left.count) / 2;
        std::copy(right.entries, right.entries + moved, left.entries + left.count);
        std::copy(right.entries + moved, right.entries + right.count, right.entries);
        left.count += moved;
        right.count -= moved;
    } else {
        const std::size_t moved = (left.count - right.count) / 2;
        std::copy_backward(right.entries, right.entries + right.count,
                           right.entries + right.count + moved);
        std::copy(left.entries + left.count - moved, left.entries + left.count, right.entries);
        left.count -= moved;
        right.count += moved;
    }
    parent.keys[left_child] = right.entries[0]->key();
}

void OrderedEntries::rebalance_inners(Inner& parent, std::size_t left_child, Inner& left,
                                      Inner& right) noexcept {
    std::string& separator = parent.keys[left_child];
    if (left.count + right.count <= kInnerCapacity) {
        // The parent's separator comes down between the two halves' keys.
        left.keys[left.count - 1] = std::move(separator);
        std::move(right.keys, right.keys + right.count - 1, left.keys + left.count);
        std::copy(right.children, right.children + right.count, left.children + left.count);
        left.count += right.count;
        delete &right;
        remove_child(parent, left_child + 1);
        return;
    }
    // Even the two out, rotating children through the parent's separator.
    if (left.count < right.count) {
        const std::size_t moved = (right.count - left.count) / 2;
        left.keys[left.count - 1] = std::move(separator);
        std::move(right.keys, right.keys + moved - 1, left.keys + left.count);
        std::copy(right.children, right.children + moved, left.children + left.count);
        separator = std::move(right.keys[moved - 1]);
        std::move(right.keys + moved, right.keys + right.count - 1, right.keys);
        std::copy(right.children + moved, right.children + right.count, right.children);
        left.count += moved;
        right.count -= moved;
    } else {
        const std::size_t moved = (left.count - right.count) / 2;
        std::move_backward(right.keys, right.keys + right.count - 1,
                           right.keys + right.count - 1 + moved);
        std::copy_backward(right.children, right.children + right.count,
                           right.children + right.count + moved);
        right.keys[moved - 1] = std::move(separator);
        std::move(left.keys + left.count - moved, left.keys + left.count - 1, right.keys);
        std::copy(left.children + left.count - moved, left.children + left.count, right.children);
        separator = std::move(left.keys[left.count - moved - 1]);
        left.count -= moved;
        right.count += moved;
    }
}

}  // namespace floci::host::storage
