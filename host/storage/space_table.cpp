#include "storage/space_table.hpp"

#include <set>

namespace floci::host::storage {
namespace {

sdk::AwsError missing_space(std::string_view space) {
    return sdk::AwsError("ResourceNotFoundException", "Key space not found: " + std::string(space));
}

// Forward scan from the lower bound up to the upper bound.
template <class Visit>
void scan_forward(const Entries& entries, const sdk::ScanOptions& o, Visit&& visit) {
    auto it = !o.lower             ? entries.begin()
              : o.lower->inclusive ? entries.lower_bound(o.lower->key)
                                   : entries.upper_bound(o.lower->key);
    std::size_t seen = 0;
    for (; it != entries.end() && seen < o.limit; ++it, ++seen) {
        if (o.upper) {
            const int c = it->key().compare(o.upper->key);
            if (c > 0 || (c == 0 && !o.upper->inclusive)) break;
        }
        if (!visit(it->key(), it->value())) break;
    }
}

// Reverse scan from the upper bound down to the lower bound.
template <class Visit>
void scan_reverse(const Entries& entries, const sdk::ScanOptions& o, Visit&& visit) {
    auto it = !o.upper             ? entries.end()
              : o.upper->inclusive ? entries.upper_bound(o.upper->key)
                                   : entries.lower_bound(o.upper->key);
    std::size_t seen = 0;
    while (it != entries.begin() && seen < o.limit) {
        --it;
        if (o.lower) {
            const int c = it->key().compare(o.lower->key);
            if (c < 0 || (c == 0 && !o.lower->inclusive)) break;
        }
        ++seen;
        if (!visit(it->key(), it->value())) break;
    }
}

void add_entry_bytes(sdk::SpaceStats& stats, std::size_t key, std::size_t value, int sign) {
    stats.entries += sign;
    stats.bytes += sign * static_cast<std::int64_t>(key + value);
}

}  // namespace

bool SpaceTable::has_space(std::string_view space) const { return find(space) != nullptr; }

std::vector<std::string> SpaceTable::spaces(std::string_view prefix) const {
    std::vector<std::string> out;
    for (auto it = spaces_.lower_bound(prefix);
         it != spaces_.end() && std::string_view(it->first).starts_with(prefix); ++it) {
        out.push_back(it->first);
    }
    return out;
}

const Space* SpaceTable::find(std::string_view space) const {
    auto it = spaces_.find(space);
    return it == spaces_.end() ? nullptr : &it->second;
}

bool SpaceTable::get(std::string_view space, std::string_view key,
                     sdk::FunctionRef<void(std::string_view)> on_value) const {
    const Space* s = find(space);
    if (!s) return false;
    auto it = s->entries.find(key);
    if (it == s->entries.end()) return false;
    on_value(it->value());
    return true;
}

sdk::Status SpaceTable::scan(
    std::string_view space, const sdk::ScanOptions& options,
    sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const {
    const Space* s = find(space);
    if (!s) return missing_space(space);
    if (options.reverse) {
        scan_reverse(s->entries, options, visit);
    } else {
        scan_forward(s->entries, options, visit);
    }
    return {};
}

std::optional<sdk::SpaceStats> SpaceTable::stats(std::string_view space) const {
    const Space* s = find(space);
    if (!s) return std::nullopt;
    return s->stats;
}

sdk::Status SpaceTable::validate(const sdk::WriteBatch& batch) const {
    // Spaces created or dropped earlier in the same batch count as they will be then.
    std::set<std::string_view> created, dropped;
    for (const auto& op : batch.ops()) {
        using Kind = sdk::WriteBatch::OpKind;
        switch (op.kind) {
            case Kind::create_space:
                created.insert(op.space);
                dropped.erase(op.space);
                break;
            case Kind::drop_space:
                dropped.insert(op.space);
                created.erase(op.space);
                break;
            case Kind::put:
            case Kind::erase:
                if (dropped.contains(op.space) ||
                    (!created.contains(op.space) && !has_space(op.space)))
                    return missing_space(op.space);
                break;
        }
    }
    return {};
}

void SpaceTable::apply(sdk::WriteBatch&& batch) {
    using Kind = sdk::WriteBatch::OpKind;
    for (auto& op : batch.ops()) {
        switch (op.kind) {
            case Kind::create_space:
                spaces_.try_emplace(std::move(op.space));
                break;
            case Kind::drop_space:
                if (auto it = spaces_.find(op.space); it != spaces_.end()) spaces_.erase(it);
                break;
            case Kind::put: {
                Space& s = spaces_.find(op.space)->second;
                if (EntryBlock::Ptr old = s.entries.insert_or_assign(op.key, op.value)) {
                    add_entry_bytes(s.stats, old->key().size(), old->value().size(), -1);
                }
                add_entry_bytes(s.stats, op.key.size(), op.value.size(), +1);
                break;
            }
            case Kind::erase: {
                Space& s = spaces_.find(op.space)->second;
                if (EntryBlock::Ptr old = s.entries.erase(op.key)) {
                    add_entry_bytes(s.stats, old->key().size(), old->value().size(), -1);
                }
                break;
            }
        }
    }
}

SpaceTable SpaceTable::copy_of(const std::vector<std::string>& names) const {
    SpaceTable out;
    for (const auto& name : names) {
        if (auto it = spaces_.find(name); it != spaces_.end()) out.spaces_.emplace(*it);
    }
    return out;
}

Space& SpaceTable::load_space(std::string_view name) {
    return spaces_.try_emplace(std::string(name)).first->second;
}

void SpaceTable::load_entry(Space& space, std::string_view key, std::string_view value) {
    space.entries.append(key, value);
    add_entry_bytes(space.stats, key.size(), value.size(), +1);
}

}  // namespace floci::host::storage
