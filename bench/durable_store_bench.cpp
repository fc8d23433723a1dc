// Restart time, checkpoint pause and disk footprint of a large DurableStore (bench/README.md).
//
//   durable_store_bench [items=1000000] [value_bytes=200] [dir=/tmp/floci-store-bench]
//
// Fills a wal-mode store with one put per batch (as PutItem commits), then:
//   - hard-links its folder aside: a log-only folder, what a crash before any checkpoint leaves;
//   - checkpoints while a writer thread keeps committing, and reports the checkpoint's length
//     and the longest commit the writer saw during it (the pause writers feel);
//   - closes, reopens (recovery from the checkpoint), opens the log-only copy, and reports
//     both times and the folder's size against the raw bytes of keys and values.
// The store's own log lines (recovery, checkpoint with its writer pause) go to stdout.
// Timings on a shared machine are noisy: run it several times.
#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "storage/durable_store.hpp"

namespace {

namespace fs = std::filesystem;
using floci::host::storage::DurableOptions;
using floci::host::storage::DurableStore;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kSpace = "items";

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::unique_ptr<DurableStore> open_store(const fs::path& dir) {
    DurableOptions options;
    options.mode = floci::sdk::StorageMode::wal;
    options.dir = dir;
    options.service = "bench";
    // No timer checkpoints: the bench decides when to checkpoint.
    options.compaction_interval_ms = 3'600'000;
    options.log = std::make_shared<spdlog::logger>(
        "bench", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    auto store = DurableStore::open(std::move(options));
    if (!store) {
        std::fprintf(stderr, "open %s: %s\n", dir.c_str(), store.error().message().c_str());
        std::exit(1);
    }
    return std::move(store.value());
}

void commit_or_die(DurableStore& store, floci::sdk::WriteBatch batch) {
    store.commit(std::move(batch), [](floci::sdk::Status status) {
        if (!status) {
            std::fprintf(stderr, "commit: %s\n", status.error().message().c_str());
            std::exit(1);
        }
    });
}

std::string key_of(std::uint64_t i) {
    char key[32];
    std::snprintf(key, sizeof key, "user#%012llu", static_cast<unsigned long long>(i));
    return key;
}

std::uint64_t folder_bytes(const fs::path& dir) {
    std::uint64_t total = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file()) total += entry.file_size();
    }
    return total;
}

// Hard links: the log is append-only, so the links keep the folder as it is now for free.
void link_folder(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from)) {
        if (entry.path().filename() == "LOCK") continue;
        fs::create_hard_link(entry.path(), to / entry.path().filename());
    }
}

struct PauseProbe {
    std::atomic<bool> stop{false};
    double longest_ms = 0;
    std::uint64_t commits = 0;
};

void probe_commits(DurableStore& store, PauseProbe& probe) {
    while (!probe.stop.load()) {
        floci::sdk::WriteBatch batch;
        batch.put(kSpace, "probe#" + std::to_string(probe.commits % 1000), std::string(200, 'p'));
        const auto started = Clock::now();
        commit_or_die(store, std::move(batch));
        probe.longest_ms = std::max(probe.longest_ms, ms_since(started));
        ++probe.commits;
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t items = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    const std::size_t value_bytes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200;
    const fs::path root = argc > 3 ? argv[3] : "/tmp/floci-store-bench";
    const fs::path dir = root / "store", log_only = root / "log-only";
    fs::remove_all(root);

    auto store = open_store(dir);
    auto started = Clock::now();
    {
        floci::sdk::WriteBatch create;
        create.create_space(kSpace);
        commit_or_die(*store, std::move(create));
    }
    std::uint64_t raw_bytes = 0;
    std::string value(value_bytes, 'v');
    for (std::uint64_t i = 0; i < items; ++i) {
        std::string key = key_of(i);
        value[i % value_bytes] = static_cast<char>('a' + i % 26);
        raw_bytes += key.size() + value.size();
        floci::sdk::WriteBatch batch;
        batch.put(kSpace, key, value);
        commit_or_die(*store, std::move(batch));
    }
    std::printf("fill: %llu items of %zu bytes (%.1f MB raw) in %.0f ms, log %.1f MB\n",
                static_cast<unsigned long long>(items), value_bytes, raw_bytes / 1e6,
                ms_since(started), folder_bytes(dir) / 1e6);

    link_folder(dir, log_only);

    PauseProbe probe;
    std::thread writer([&] { probe_commits(*store, probe); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    started = Clock::now();
    if (auto status = store->checkpoint(); !status) {
        std::fprintf(stderr, "checkpoint: %s\n", status.error().message().c_str());
        return 1;
    }
    const double checkpoint_ms = ms_since(started);
    probe.stop = true;
    writer.join();
    std::printf("checkpoint: %.0f ms; longest commit meanwhile %.1f ms (%llu probe commits)\n",
                checkpoint_ms, probe.longest_ms, static_cast<unsigned long long>(probe.commits));
    store->close();
    store.reset();
    const std::uint64_t footprint = folder_bytes(dir);
    std::printf("footprint after checkpoint: %.1f MB = %.2fx raw\n", footprint / 1e6,
                static_cast<double>(footprint) / static_cast<double>(raw_bytes));

    started = Clock::now();
    store = open_store(dir);
    std::printf("restart from checkpoint: %.0f ms (%llu entries)\n", ms_since(started),
                static_cast<unsigned long long>(store->stats(kSpace)->entries));
    store.reset();

    started = Clock::now();
    store = open_store(log_only);
    std::printf("restart from log only: %.0f ms (%llu entries)\n", ms_since(started),
                static_cast<unsigned long long>(store->stats(kSpace)->entries));
    store->close();
    store.reset();
    fs::remove_all(root);
    return 0;
}
