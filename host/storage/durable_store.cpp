#include "storage/durable_store.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <floci/sdk/aws_error.hpp>

#include "storage/recovery.hpp"
#include "storage/table_checkpoint.hpp"
#include "storage/wal/batch_codec.hpp"
#include "storage/wal/checkpoint.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A batch record starts with its sequence as a fixed64 (batch_codec.hpp), so commit() can
// encode before taking the lock and fill the sequence in under it.
void set_record_sequence(std::string& record, std::uint64_t sequence) {
    for (int i = 0; i < 8; ++i) record[i] = static_cast<char>((sequence >> (8 * i)) & 0xff);
}

}  // namespace

DurableStore::DurableStore(DurableOptions options) : options_(std::move(options)) {}

DurableStore::~DurableStore() { close(); }

sdk::Result<std::unique_ptr<DurableStore>> DurableStore::open(DurableOptions options) {
    if (!options.log) options.log = std::make_shared<spdlog::logger>("storage");
    std::error_code ec;
    fs::create_directories(options.dir, ec);
    if (ec)
        return sdk::AwsError::internal("cannot create " + options.dir.string() + ": " +
                                       ec.message());
    auto lock = DataDirLock::acquire(options.dir);
    if (!lock) return lock.error();

    const auto started = Clock::now();
    auto recovered = recover(options.dir, *options.log);
    if (!recovered) return recovered.error();
    std::unique_ptr<DurableStore> store(new DurableStore(std::move(options)));
    store->lock_.emplace(std::move(lock.value()));
    store->table_ = std::move(recovered->table);
    store->last_sequence_ = recovered->last_sequence;
    store->checkpoint_sequence_ = recovered->checkpoint_sequence;
    const std::size_t segments = recovered->segments.size();
    if (sdk::Status status =
            store->start(std::move(recovered->segments), recovered->tail_valid_bytes);
        !status) {
        return status.error();
    }
    store->options_.log->info(
        "storage for {} ({}): {} spaces at batch {} from {} (checkpoint {}, {} batches replayed "
        "from {} log segments) in {:.1f} ms",
        store->options_.service, sdk::to_string(store->mode()), store->table_.all().size(),
        recovered->last_sequence, store->options_.dir.string(), recovered->checkpoint_sequence,
        recovered->replayed_batches, segments, ms_since(started));
    return store;
}

sdk::Status DurableStore::start(std::vector<SegmentFile> segments, std::uint64_t tail_valid_bytes) {
    if (logged()) {
        auto segment = segments.empty()
                           ? LogSegment::create(options_.dir, last_sequence_)
                           : LogSegment::reopen(segments.back().path,
                                                segments.back().start_sequence, tail_valid_bytes);
        if (!segment) return segment.error();
        segment_ = std::move(segment.value());
        log_thread_ = std::thread([this] { log_loop(); });
    } else if (!segments.empty()) {
        // Hybrid keeps no log. A folder last used in persistent or wal mode keeps its logged
        // batches in a checkpoint before its segments go.
        if (sdk::Status status = checkpoint(); !status) return status;
        delete_replaced(checkpoint_sequence_);
    }
    maintenance_thread_ = std::thread([this] { maintenance_loop(); });
    return {};
}

std::uint64_t DurableStore::last_sequence() const {
    std::shared_lock lock(mutex_);
    return last_sequence_;
}

void DurableStore::commit(sdk::WriteBatch&& batch, sdk::CommitCallback on_durable) {
    std::string record;
    if (logged()) wal::encode_batch(0, batch, record);
    sdk::Status status;
    bool queued = false;
    {
        std::unique_lock lock(mutex_);
        status = append_and_apply(record, batch, on_durable, queued);
    }
    if (queued) {
        queue_cv_.notify_one();
    } else if (on_durable) {
        // Outside the lock: the callback may read the store or send a response.
        on_durable(std::move(status));
    }
}

// Called with mutex_ held exclusively.
sdk::Status DurableStore::append_and_apply(std::string& record, sdk::WriteBatch& batch,
                                           sdk::CommitCallback& on_durable, bool& queued) {
    if (failure_) return *failure_;
    if (closed_) return sdk::AwsError::internal("storage for " + options_.service + " is closed");
    if (sdk::Status valid = table_.validate(batch); !valid) return valid;
    const std::uint64_t sequence = last_sequence_ + 1;
    if (logged()) {
        // Log before applying: a batch that reads can see is a batch that recovery replays.
        set_record_sequence(record, sequence);
        if (sdk::Status written = segment_->append(record); !written) {
            return fail(written.error());
        }
    }
    last_sequence_ = sequence;
    table_.apply(std::move(batch));
    if (options_.mode == sdk::StorageMode::persistent) {
        std::lock_guard queue(queue_mutex_);
        pending_.push_back({segment_, std::move(on_durable)});
        queued = true;
    } else if (options_.mode == sdk::StorageMode::wal) {
        unsynced_.store(true, std::memory_order_relaxed);
    }
    return {};
}

sdk::AwsError DurableStore::fail(const sdk::AwsError& error) {
    if (!failure_) {
        failure_ = sdk::AwsError::internal(
            "storage for " + options_.service +
            " refuses all writes after a failed log write: " + error.message());
        options_.log->critical("{}", failure_->message());
    }
    return *failure_;
}

int DurableStore::sync_file(int fd) {
    ++sync_count_;
    return options_.sync_file ? options_.sync_file(fd) : ::fdatasync(fd);
}

void DurableStore::log_loop() {
    const bool persistent = options_.mode == sdk::StorageMode::persistent;
    const auto interval = std::chrono::milliseconds(options_.flush_interval_ms);
    std::unique_lock queue(queue_mutex_);
    while (true) {
        // Group commit: whatever queued up while the previous fdatasync ran is one group.
        if (persistent) {
            queue_cv_.wait(queue, [&] { return stop_log_ || !pending_.empty(); });
        } else {
            queue_cv_.wait_for(queue, interval, [&] { return stop_log_; });
        }
        std::vector<Pending> group;
        group.swap(pending_);
        const bool stopping = stop_log_;
        queue.unlock();
        sync_group(group);
        queue.lock();
        if (stopping && pending_.empty()) return;
    }
}

void DurableStore::sync_group(std::vector<Pending>& group) {
    // Every batch in the group was written before the group was taken, so one fdatasync per
    // segment after that covers all of them.
    std::vector<std::shared_ptr<LogSegment>> segments;
    if (options_.mode == sdk::StorageMode::wal) {
        if (unsynced_.exchange(false)) {
            std::lock_guard lock(segment_mutex_);
            segments.push_back(segment_);
        }
    } else {
        for (const Pending& pending : group) {
            if (segments.empty() || segments.back() != pending.segment) {
                segments.push_back(pending.segment);
            }
        }
    }
    sdk::Status status;
    {
        std::shared_lock lock(mutex_);
        if (failure_) status = *failure_;
    }
    for (const auto& segment : segments) {
        if (!status) break;
        if (sync_file(segment->fd()) != 0) {
            const int err = errno;
            std::unique_lock lock(mutex_);
            status = fail(sdk::AwsError::internal("fdatasync " + segment->path().string() +
                                                  " failed: " + std::strerror(err)));
        }
    }
    for (Pending& pending : group) {
        if (pending.on_durable) pending.on_durable(status);
    }
}

}  // namespace floci::host::storage
