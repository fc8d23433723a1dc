#pragma once
// The persistent, wal and hybrid durability modes (docs/architecture.md, "Storage: one engine,
// four durability modes"). The data lives in a SpaceTable in memory, as in MemoryStore; what
// differs is what reaches the service's folder and when a commit's callback runs:
//
//   persistent  the batch is written to the log (write(2)) under the store lock, before it is
//               applied; the log thread then fdatasyncs once for every batch waiting (group
//               commit) and only then runs their callbacks.
//   wal         as persistent, but the callback runs as soon as write(2) returns; the log
//               thread fdatasyncs every flush interval.
//   hybrid      no log: applied and acknowledged at once; a checkpoint every flush interval
//               when something changed, and at close().
//
// persistent and wal also checkpoint every compaction interval, rotating the log to a new
// segment at the checkpoint's sequence number (log_segment.hpp), so the log stays short.
//
// Their checkpoints do not stop commits while they copy: the rotation to log-<seq> happens
// under the lock, then the spaces that existed at <seq> are copied a chunk of entries at a
// time, and commits proceed between chunks (logged to the new segment). The copy is fuzzy:
// each entry is as of some batch at or after <seq>. Recovery still ends exact, because it
// replays every batch after <seq> on top, and batches are idempotent: a put sets a value, an
// erase removes a key, a drop removes a space (and what the copy held of it), a create of a
// space that exists changes nothing. A space dropped before its turn is kept as far as copied,
// so replayed puts before its drop still find it. The log is synced before the checkpoint
// becomes durable, so no power loss leaves part of a batch in the checkpoint and the rest
// nowhere. A hybrid store has no log to replay, so it copies everything under the lock.
//
// A failed log write or fdatasync leaves the log in an unknown state: the store then refuses
// every later commit with an internal error (a 500 to the client), as LevelDB does.
#include <spdlog/logger.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/data_dir_lock.hpp"
#include "storage/locked_table_store.hpp"
#include "storage/log_segment.hpp"
#include "storage/recovery.hpp"
#include "storage/space_table.hpp"
#include "storage/wal/checkpoint.hpp"

namespace floci::host::storage {

struct DurableOptions {
    sdk::StorageMode mode = sdk::StorageMode::persistent;
    std::filesystem::path dir;  // The service's own folder, created if missing.
    std::string service;        // For log lines: "checkpoint 42 written for dynamodb".
    std::uint32_t flush_interval_ms = 5000;
    std::uint32_t compaction_interval_ms = 30000;
    std::shared_ptr<spdlog::logger> log;
    // Test hook: called instead of fdatasync(2) on log segments; returns 0 or sets errno.
    std::function<int(int fd)> sync_file;
    // Test hook: called between the chunks a persistent or wal checkpoint copies, with no
    // lock held, so a test can commit in the middle of a checkpoint.
    std::function<void()> between_copy_chunks;
};

class DurableStore final : public LockedTableStore {
  public:
    // Locks the folder, recovers its contents and starts the store's threads. The error names
    // the file at fault, or the folder another process holds.
    static sdk::Result<std::unique_ptr<DurableStore>> open(DurableOptions options);
    ~DurableStore() override;

    // In persistent mode on_durable runs on the log thread: it must not wait for another
    // commit of this store to become durable.
    void commit(sdk::WriteBatch&& batch, sdk::CommitCallback on_durable) override;
    sdk::StorageMode mode() const noexcept override { return options_.mode; }

    // Writes a checkpoint of everything committed so far, if anything changed since the last
    // one, and (persistent, wal) rotates the log and deletes what the checkpoint replaces.
    sdk::Status checkpoint();

    // Makes everything committed durable, runs every pending callback and stops the threads;
    // later commits fail. Called at shutdown, after the plugins stopped; idempotent.
    void close();

    // fdatasyncs of the log so far (group commit makes this far fewer than batches).
    std::uint64_t sync_count() const noexcept { return sync_count_; }
    std::uint64_t last_sequence() const;

  private:
    struct Pending {
        std::shared_ptr<LogSegment> segment;
        sdk::CommitCallback on_durable;
    };

    explicit DurableStore(DurableOptions options);
    sdk::Status start(std::vector<SegmentFile> segments, std::uint64_t tail_valid_bytes);
    sdk::Status append_and_apply(std::string& record, sdk::WriteBatch& batch,
                                 sdk::CommitCallback& on_durable, bool& queued);
    void log_loop();
    void sync_group(std::vector<Pending>& group);
    void maintenance_loop();
    void delete_replaced(std::uint64_t sequence);
    class LiveSource;
    // Feeds the named spaces to a checkpoint a chunk at a time (see the comment at the top),
    // then syncs the log; keeps the longest lock hold in `longest_chunk_ms`.
    sdk::Status copy_live(const std::vector<std::string>& names, wal::CheckpointVisitor& out,
                          double& longest_chunk_ms);
    // fdatasyncs the current segment; a failure fails the store.
    sdk::Status sync_current_segment();
    int sync_file(int fd);
    // Marks the store failed (under mutex_) and logs it loudly; returns the error.
    sdk::AwsError fail(const sdk::AwsError& error);
    bool logged() const { return options_.mode != sdk::StorageMode::hybrid; }

    DurableOptions options_;
    std::optional<DataDirLock> lock_;

    // The base's mutex_ also guards the sequence and the failure state; commit() holds it
    // exclusively while it writes the log and applies, so log order is apply order.
    std::uint64_t last_sequence_ = 0;
    std::optional<sdk::AwsError> failure_;  // Set once: every later commit gets it.
    bool closed_ = false;
    // segment_ changes under mutex_ (shared) plus segment_mutex_, so that commit() (exclusive
    // mutex_) and the log thread (segment_mutex_) can each read it with one lock.
    std::shared_ptr<LogSegment> segment_;
    std::mutex segment_mutex_;

    std::mutex checkpoint_mutex_;  // One checkpoint at a time.
    std::atomic<std::uint64_t> checkpoint_sequence_{0};

    // The log thread's queue: batches written but not yet fdatasync'd (persistent), or the
    // flag that something was written since the last fdatasync (wal).
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::vector<Pending> pending_;
    std::atomic<bool> unsynced_{false};  // wal: written since the last fdatasync.
    bool stop_log_ = false;
    std::thread log_thread_;

    std::mutex maintenance_mutex_;
    std::condition_variable maintenance_cv_;
    bool stop_maintenance_ = false;
    std::thread maintenance_thread_;

    std::atomic<std::uint64_t> sync_count_{0};
};

}  // namespace floci::host::storage
