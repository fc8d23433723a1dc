// DurableStore's background half: checkpoints with log rotation, the maintenance timer, and
// close(). The commit path is in durable_store.cpp.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <floci/sdk/aws_error.hpp>

#include "storage/durable_store.hpp"
#include "storage/table_checkpoint.hpp"
#include "storage/wal/checkpoint.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Below this much log, close() skips the final checkpoint of persistent and wal stores: the
// next start replays it in milliseconds, and a checkpoint costs a copy of all the data.
constexpr std::uint64_t kShutdownCheckpointBytes = 1 << 20;

// Entries copied per hold of the store lock by a logged checkpoint: a few milliseconds of
// copying, which is the longest a commit waits for it.
constexpr std::size_t kCopyChunkEntries = 4096;

}  // namespace

// Hands copy_live() to wal::write_checkpoint(), and keeps the longest lock hold it saw.
class DurableStore::LiveSource final : public wal::CheckpointSource {
  public:
    LiveSource(DurableStore& store, const std::vector<std::string>& names)
        : store_(store), names_(names) {}
    sdk::Status visit(wal::CheckpointVisitor& out) const override {
        return store_.copy_live(names_, out, longest_chunk_ms_);
    }
    double longest_chunk_ms() const { return longest_chunk_ms_; }

  private:
    DurableStore& store_;
    const std::vector<std::string>& names_;
    mutable double longest_chunk_ms_ = 0;
};

sdk::Status DurableStore::checkpoint() {
    std::lock_guard one_at_a_time(checkpoint_mutex_);
    const auto started = Clock::now();
    {
        std::shared_lock lock(mutex_);
        if (failure_) return *failure_;
        if (last_sequence_ == checkpoint_sequence_) return {};
    }
    // The sync under the lock below, which commits wait for, then only has what arrived
    // since: in wal mode a flush interval of writes may be unsynced, hundreds of MB.
    if (logged()) {
        if (sdk::Status synced = sync_current_segment(); !synced) return synced;
    }
    SpaceTable copy;                 // hybrid: the whole table, copied under the lock
    std::vector<std::string> names;  // persistent, wal: the spaces, copied later (copy_live)
    std::uint64_t sequence = 0;
    std::optional<sdk::AwsError> error;
    bool fatal = false;
    double pause_ms = 0;
    {
        // Shared: readers go on, commits wait, so the sequence, the rotation and (hybrid) the
        // copy agree.
        std::shared_lock lock(mutex_);
        const auto paused = Clock::now();
        if (failure_) return *failure_;
        sequence = last_sequence_;
        if (sequence == checkpoint_sequence_) return {};
        if (logged()) {
            names = table_.spaces("");
            // Sync the old segment before the new one takes batches: otherwise a power loss
            // could keep later batches and lose earlier ones, a gap that recovery refuses.
            if (sync_file(segment_->fd()) != 0) {
                error = sdk::AwsError::internal("fdatasync " + segment_->path().string() +
                                                " failed: " + std::strerror(errno));
                fatal = true;
            } else if (auto next = LogSegment::create(options_.dir, sequence); !next) {
                error = next.error();
            } else {
                std::lock_guard segment(segment_mutex_);
                segment_ = std::move(next.value());
            }
        } else {
            copy = table_;
        }
        pause_ms = ms_since(paused);
    }
    if (fatal) {
        std::unique_lock lock(mutex_);
        return fail(*error);
    }
    if (error) {
        // Not fatal: the store keeps appending to the old segment and tries again next time.
        options_.log->error("checkpoint {} for {} not written: cannot rotate the log: {}", sequence,
                            options_.service, error->message());
        return *error;
    }

    LiveSource live(*this, names);
    auto written = logged() ? wal::write_checkpoint(options_.dir, sequence, live)
                            : wal::write_checkpoint(options_.dir, sequence, TableSource(copy));
    if (!written) {
        // The previous checkpoint and every segment since are still there: nothing is lost.
        options_.log->error("checkpoint {} for {} not written: {}", sequence, options_.service,
                            written.error().message());
        return written.error();
    }
    checkpoint_sequence_ = sequence;
    delete_replaced(sequence);
    options_.log->info(
        "checkpoint {} written for {} ({} spaces, {:.1f} ms, commits paused {:.1f} ms at most)",
        sequence, options_.service, logged() ? names.size() : copy.all().size(), ms_since(started),
        std::max(pause_ms, live.longest_chunk_ms()));
    return {};
}

sdk::Status DurableStore::copy_live(const std::vector<std::string>& names,
                                    wal::CheckpointVisitor& out, double& longest_chunk_ms) {
    std::vector<std::pair<std::string, std::string>> chunk;
    for (const std::string& name : names) {
        if (sdk::Status status = out.space(name); !status) return status;
        std::optional<std::string> after;  // The last key copied, once there is one.
        do {
            chunk.clear();
            {
                std::shared_lock lock(mutex_);
                const auto started = Clock::now();
                // A space dropped since the rotation stays in the checkpoint as far as it was
                // copied: the replay of its drop removes it (durable_store.hpp).
                if (const Space* space = table_.find(name)) {
                    const Entries& entries = space->entries;
                    auto it = after ? entries.upper_bound(*after) : entries.begin();
                    for (; it != entries.end() && chunk.size() < kCopyChunkEntries; ++it) {
                        chunk.emplace_back(it->key(), it->value());
                    }
                }
                longest_chunk_ms = std::max(longest_chunk_ms, ms_since(started));
            }
            for (const auto& [key, value] : chunk) {
                if (sdk::Status status = out.entry(key, value); !status) return status;
            }
            if (!chunk.empty()) after = chunk.back().first;
            if (options_.between_copy_chunks) options_.between_copy_chunks();
        } while (chunk.size() == kCopyChunkEntries);
    }
    // The copy may hold part of a batch that was written to the log but not yet synced: sync
    // it before the checkpoint becomes durable, so that a power loss cannot keep half a batch.
    return sync_current_segment();
}

sdk::Status DurableStore::sync_current_segment() {
    std::shared_ptr<LogSegment> segment;
    {
        std::lock_guard lock(segment_mutex_);
        segment = segment_;
    }
    if (sync_file(segment->fd()) == 0) return {};
    const int err = errno;
    std::unique_lock lock(mutex_);
    return fail(sdk::AwsError::internal("fdatasync " + segment->path().string() +
                                        " failed: " + std::strerror(err)));
}

void DurableStore::delete_replaced(std::uint64_t sequence) {
    // Only once checkpoint-<sequence> is durable: it holds every batch up to `sequence`, and
    // the current segment log-<sequence> every batch after it.
    std::error_code ec;
    bool removed = false;
    for (const auto& entry : fs::directory_iterator(options_.dir, ec)) {
        const std::string name = entry.path().filename().string();
        auto checkpoint = wal::parse_checkpoint_file_name(name);
        auto segment = parse_log_file_name(name);
        const bool replaced = (checkpoint && *checkpoint < sequence) ||
                              (segment && (!logged() || *segment < sequence));
        if (!replaced) continue;
        std::error_code remove_ec;
        fs::remove(entry.path(), remove_ec);
        if (remove_ec) {
            options_.log->warn("cannot remove {}: {}", entry.path().string(), remove_ec.message());
        }
        removed = true;
    }
    if (ec) options_.log->warn("cannot list {}: {}", options_.dir.string(), ec.message());
    // Leftovers are harmless (recovery skips them), so a failed sync is only worth a warning.
    if (removed) {
        if (sdk::Status synced = sync_directory(options_.dir); !synced) {
            options_.log->warn("{}", synced.error().message());
        }
    }
}

void DurableStore::maintenance_loop() {
    // hybrid: the flush interval bounds what a crash loses; persistent and wal: the
    // compaction interval bounds the log's growth.
    const auto interval = std::chrono::milliseconds(logged() ? options_.compaction_interval_ms
                                                             : options_.flush_interval_ms);
    std::unique_lock lock(maintenance_mutex_);
    while (!maintenance_cv_.wait_for(lock, interval, [&] { return stop_maintenance_; })) {
        lock.unlock();
        (void)checkpoint();  // Failures are logged; the next tick tries again.
        lock.lock();
    }
}

void DurableStore::close() {
    if (maintenance_thread_.joinable()) {
        {
            std::lock_guard lock(maintenance_mutex_);
            stop_maintenance_ = true;
        }
        maintenance_cv_.notify_all();
        maintenance_thread_.join();
    }
    bool final_checkpoint = false;
    {
        std::shared_lock lock(mutex_);
        std::lock_guard segment(segment_mutex_);
        if (closed_) return;
        if (!failure_) {
            final_checkpoint = logged() ? segment_->size() > kShutdownCheckpointBytes
                                        : last_sequence_ != checkpoint_sequence_;
        }
    }
    if (final_checkpoint) (void)checkpoint();
    {
        std::unique_lock lock(mutex_);
        closed_ = true;
    }
    if (log_thread_.joinable()) {
        {
            // The log thread syncs and answers what is pending, then exits (wal: a last sync).
            std::lock_guard queue(queue_mutex_);
            stop_log_ = true;
        }
        queue_cv_.notify_all();
        log_thread_.join();
    }
    options_.log->info("storage for {} closed at batch {} ({} log syncs)", options_.service,
                       last_sequence(), sync_count_.load());
}

}  // namespace floci::host::storage
