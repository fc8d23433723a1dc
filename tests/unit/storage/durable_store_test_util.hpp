#pragma once
// Helpers for the DurableStore tests: open a store in a temp folder, commit and wait for the
// callback, dump contents, and copy a live folder the way kill -9 would leave it.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <string>

#include "storage/durable_store.hpp"
#include "temp_dir.hpp"

namespace floci::host::storage::test {

namespace fs = std::filesystem;
using Contents = std::map<std::string, std::map<std::string, std::string>>;

inline sdk::Status commit_wait(sdk::KvStore& store, sdk::WriteBatch batch) {
    std::promise<sdk::Status> done;
    auto result = done.get_future();
    store.commit(std::move(batch), [&done](sdk::Status s) { done.set_value(std::move(s)); });
    return result.get();
}

inline sdk::WriteBatch create_batch(std::string_view space) {
    sdk::WriteBatch batch;
    batch.create_space(space);
    return batch;
}

inline sdk::WriteBatch put_batch(std::string_view space, std::string_view key,
                                 std::string_view value) {
    sdk::WriteBatch batch;
    batch.put(space, key, value);
    return batch;
}

inline Contents contents(const sdk::ReadView& view) {
    Contents out;
    for (const std::string& space : view.spaces("")) {
        auto& entries = out[space];
        EXPECT_TRUE(view.scan(space, {}, [&](std::string_view key, std::string_view value) {
            entries.emplace(key, value);
            return true;
        }));
    }
    return out;
}

// A copy of a live store's folder without its LOCK: what a restart after kill -9 finds (the
// log's write(2)s are in the page cache, which survives the process).
inline fs::path crash_copy(const fs::path& dir) {
    fs::path copy = dir;
    copy += "-crash";
    fs::remove_all(copy);
    fs::create_directories(copy);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().filename() == "LOCK") continue;
        fs::copy_file(entry.path(), copy / entry.path().filename());
    }
    return copy;
}

inline std::set<std::string> file_names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        out.insert(entry.path().filename().string());
    }
    return out;
}

class DurableStoreFixture : public ::testing::Test {
  protected:
    fs::path store_dir(const std::string& name = "svc") const { return temp_.path() / name; }

    DurableOptions options(sdk::StorageMode mode, const std::string& name = "svc") const {
        DurableOptions o;
        o.mode = mode;
        o.dir = store_dir(name);
        o.service = name;
        // Long intervals: tests call checkpoint() themselves unless they shorten these.
        o.flush_interval_ms = 3'600'000;
        o.compaction_interval_ms = 3'600'000;
        return o;
    }

    std::unique_ptr<DurableStore> open_with(DurableOptions o) {
        auto store = DurableStore::open(std::move(o));
        if (!store) {
            ADD_FAILURE() << store.error().message();
            return nullptr;
        }
        return std::move(store.value());
    }

    std::unique_ptr<DurableStore> open(sdk::StorageMode mode, const std::string& name = "svc") {
        return open_with(options(mode, name));
    }

    std::unique_ptr<DurableStore> open_at(sdk::StorageMode mode, const fs::path& dir) {
        DurableOptions o = options(mode);
        o.dir = dir;
        return open_with(o);
    }

    floci::test::TempDir temp_;
};

}  // namespace floci::host::storage::test
