#include "api/key_range.hpp"

#include "model/key_encoding.hpp"

namespace floci::dynamodb::api {

using expr::KeyOp;

std::string prefix_successor(std::string_view prefix) {
    std::string out(prefix);
    while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xFF) out.pop_back();
    if (!out.empty()) out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
    return out;
}

KeyRange query_range(const expr::KeyCondition& condition, bool has_sort_key) {
    const std::string partition = encode_table_key(condition.partition.values[0]);
    KeyRange r;
    if (!has_sort_key) {
        // One item at most: the key is the partition's encoding itself.
        r.lower = partition;
        r.upper = partition;
        r.upper_inclusive = true;
        return r;
    }
    // Every item key of the partition is longer than the bare prefix, so [prefix, successor)
    // covers exactly the partition.
    r.lower = partition;
    r.upper = prefix_successor(partition);
    if (!condition.sort) return r;
    const auto& term = *condition.sort;
    // A table key is the partition's encoding followed by the sort key's.
    auto at = [&](const AttributeValue& v) {
        std::string key = partition;
        append_key_value(key, v);
        return key;
    };
    switch (term.op) {
        case KeyOp::kEq:
            r.lower = at(term.values[0]);
            r.upper = r.lower;
            r.upper_inclusive = true;
            break;
        case KeyOp::kLt:
            r.upper = at(term.values[0]);
            break;
        case KeyOp::kLe:
            r.upper = at(term.values[0]);
            r.upper_inclusive = true;
            break;
        case KeyOp::kGt:
            r.lower = at(term.values[0]);
            r.lower_inclusive = false;
            break;
        case KeyOp::kGe:
            r.lower = at(term.values[0]);
            break;
        case KeyOp::kBetween:
            r.lower = at(term.values[0]);
            r.upper = at(term.values[1]);
            r.upper_inclusive = true;
            break;
        case KeyOp::kBeginsWith: {
            std::string prefix = partition;
            append_key_prefix(prefix, term.values[0]);
            r.upper = prefix_successor(prefix);
            r.lower = std::move(prefix);
            break;
        }
    }
    return r;
}

KeyRange index_query_range(const expr::KeyCondition& condition) {
    // Keys of an index partition are always longer than its prefix, as in a hash+range table.
    KeyRange r = query_range(condition, true);
    if (r.upper && r.upper_inclusive) {
        r.upper = prefix_successor(*r.upper);
        r.upper_inclusive = false;
    }
    if (r.lower && !r.lower_inclusive) {
        r.lower = prefix_successor(*r.lower);
        r.lower_inclusive = true;
    }
    return r;
}

std::string_view table_key_of(std::string_view index_entry_key, const KeySchema& index) {
    std::string_view rest = index_entry_key;
    decode_key_value(rest);
    if (index.range) decode_key_value(rest);
    return rest;
}

void KeyRange::resume_after(const std::string& start, bool forward) {
    if (forward) {
        if (!lower || *lower <= start) {
            lower = start;
            lower_inclusive = false;
        }
    } else if (!upper || *upper >= start) {
        upper = start;
        upper_inclusive = false;
    }
}

sdk::ScanOptions KeyRange::options(bool forward) const {
    sdk::ScanOptions o;
    if (lower) o.lower = sdk::Bound{*lower, lower_inclusive};
    if (upper && !upper->empty()) o.upper = sdk::Bound{*upper, upper_inclusive};
    o.reverse = !forward;
    return o;
}

std::size_t partition_length(std::string_view key) {
    std::string_view rest = key;
    decode_key_value(rest);
    return key.size() - rest.size();
}

std::int64_t segment_of(std::string_view partition, std::int64_t total) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : partition) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    // splitmix64's finalizer, so that keys differing in their last byte spread evenly.
    hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ull;
    hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebull;
    hash ^= hash >> 31;
    // Scale by multiplication rather than modulo, so every segment gets an equal share.
    auto scaled = (static_cast<unsigned __int128>(hash) * static_cast<std::uint64_t>(total)) >> 64;
    return static_cast<std::int64_t>(scaled);
}

}  // namespace floci::dynamodb::api
