#pragma once
// The storage interface a plugin gets from Host::storage(): named, ordered key spaces of byte
// keys and byte values (keys compare as unsigned bytes), atomic write batches across spaces,
// snapshots, and asynchronous commit. The durability mode (memory, persistent, hybrid, wal)
// only decides when a commit's callback runs; the interface is the same for all of them.
//
// Thread safety: every method may be called from any thread. Visitors passed to get()/scan()
// run while the store holds a read lock: they must not call commit() on the same store.
#include <boost/config.hpp>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <floci/sdk/function_ref.hpp>
#include <floci/sdk/result.hpp>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floci::sdk {

enum class StorageMode : std::uint8_t { memory, persistent, hybrid, wal };

inline constexpr std::string_view to_string(StorageMode mode) {
    switch (mode) {
        case StorageMode::memory:
            return "memory";
        case StorageMode::persistent:
            return "persistent";
        case StorageMode::hybrid:
            return "hybrid";
        case StorageMode::wal:
            return "wal";
    }
    return "unknown";
}

// One end of a key range.
struct Bound {
    std::string_view key;
    bool inclusive = true;
};

// Which keys a scan visits and in what order. A forward scan starts at `lower` and walks up to
// `upper`; a reverse scan starts at `upper` and walks down to `lower`. An absent bound is open.
// Pagination: resume a forward scan with lower = {last_key, false}, a reverse one with
// upper = {last_key, false}.
struct ScanOptions {
    std::optional<Bound> lower;
    std::optional<Bound> upper;
    bool reverse = false;
    std::size_t limit = std::numeric_limits<std::size_t>::max();
};

// Entry count and the bytes of its keys and values, kept up to date by the store.
struct SpaceStats {
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0;
};

// Reads, shared by the live store and its snapshots.
class BOOST_SYMBOL_VISIBLE ReadView {
  public:
    virtual ~ReadView() = default;

    virtual bool has_space(std::string_view space) const = 0;
    // Names of the existing spaces that start with `prefix`, in byte order.
    virtual std::vector<std::string> spaces(std::string_view prefix = {}) const = 0;
    // Calls on_value with the value and returns true, or returns false when the space or the
    // key does not exist. The view passed to on_value is valid only during the call.
    virtual bool get(std::string_view space, std::string_view key,
                     FunctionRef<void(std::string_view value)> on_value) const = 0;
    // Visits entries in order until the limit, the range's end, or the visitor returns false.
    // A missing space is an error (ResourceNotFoundException).
    virtual Status scan(
        std::string_view space, const ScanOptions& options,
        FunctionRef<bool(std::string_view key, std::string_view value)> visit) const = 0;
    virtual std::optional<SpaceStats> stats(std::string_view space) const = 0;

    // Convenience: a copy of one value.
    std::optional<std::string> get_copy(std::string_view space, std::string_view key) const {
        std::optional<std::string> out;
        get(space, key, [&](std::string_view value) { out.emplace(value); });
        return out;
    }
};

// A set of changes that is applied all together or not at all, and logged as one record.
// Operations apply in order: a batch may create a space and fill it, or empty and drop one.
class WriteBatch {
  public:
    enum class OpKind : std::uint8_t { put, erase, create_space, drop_space };
    struct Op {
        OpKind kind;
        std::string space;
        std::string key;
        std::string value;
    };

    // Takes anything a std::string can be made from; pass std::move(serialized) to hand the
    // bytes over without a copy.
    template <class Value>
    requires std::constructible_from<std::string, Value&&>
    void put(std::string_view space, std::string_view key, Value&& value) {
        ops_.push_back({OpKind::put, std::string(space), std::string(key),
                        std::string(std::forward<Value>(value))});
    }
    void erase(std::string_view space, std::string_view key) {
        ops_.push_back({OpKind::erase, std::string(space), std::string(key), {}});
    }
    // Creating a space that exists keeps its contents; dropping a missing space does nothing.
    void create_space(std::string_view space) {
        ops_.push_back({OpKind::create_space, std::string(space), {}, {}});
    }
    void drop_space(std::string_view space) {
        ops_.push_back({OpKind::drop_space, std::string(space), {}, {}});
    }

    bool empty() const noexcept { return ops_.empty(); }
    std::size_t size() const noexcept { return ops_.size(); }
    const std::vector<Op>& ops() const noexcept { return ops_; }
    std::vector<Op>& ops() noexcept { return ops_; }
    void clear() noexcept { ops_.clear(); }

  private:
    std::vector<Op> ops_;
};

// Called once when a committed batch is durable for the store's mode, or failed. It may run
// inline inside commit() (memory mode) or later on a storage thread.
using CommitCallback = std::function<void(Status)>;

class BOOST_SYMBOL_VISIBLE KvStore : public ReadView {
  public:
    // Applies `batch` atomically. When commit() returns, the batch is visible to every read
    // (or, on failure, nothing of it is): a plugin that checks conditions under its own lock
    // and then commits gets an atomic read-check-write. `on_durable` reports when the batch
    // has reached the durability the mode promises; acknowledge the client only then.
    // A put or erase in a space that does not exist fails the whole batch.
    virtual void commit(WriteBatch&& batch, CommitCallback on_durable) = 0;

    // A consistent, read-only copy of the named spaces as of now, for long readers (exports,
    // multi-item reads) that must not block writers. Unknown names are simply absent.
    virtual std::shared_ptr<const ReadView> snapshot(
        const std::vector<std::string>& spaces) const = 0;

    virtual StorageMode mode() const noexcept = 0;
};

}  // namespace floci::sdk
