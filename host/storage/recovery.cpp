#include "storage/recovery.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <floci/sdk/aws_error.hpp>
#include <optional>

#include "storage/log_segment.hpp"
#include "storage/table_checkpoint.hpp"
#include "storage/wal/batch_codec.hpp"
#include "storage/wal/checkpoint.hpp"
#include "storage/wal/log_reader.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;

sdk::AwsError recovery_error(const fs::path& file, const std::string& what) {
    return sdk::AwsError::internal(file.string() + ": " + what);
}

struct FolderListing {
    std::optional<std::uint64_t> newest_checkpoint;
    std::vector<SegmentFile> segments;
};

sdk::Result<FolderListing> list_folder(const fs::path& dir, spdlog::logger& log) {
    FolderListing out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (auto sequence = wal::parse_checkpoint_file_name(name)) {
            out.newest_checkpoint = std::max(out.newest_checkpoint.value_or(0), *sequence);
        } else if (auto start = parse_log_file_name(name)) {
            out.segments.push_back({entry.path(), *start});
        } else if (name.ends_with(".tmp")) {
            // A checkpoint that never reached its rename: the previous state is complete.
            log.info("removing {} (an interrupted checkpoint)", entry.path().string());
            fs::remove(entry.path(), ec);
            if (ec) return recovery_error(entry.path(), "cannot remove: " + ec.message());
        }
    }
    if (ec) return recovery_error(dir, "cannot list: " + ec.message());
    std::sort(out.segments.begin(), out.segments.end(),
              [](const SegmentFile& a, const SegmentFile& b) {
                  return a.start_sequence < b.start_sequence;
              });
    return out;
}

// Replays the batches of one segment that come after state.last_sequence.
sdk::Status replay_segment(const SegmentFile& segment, bool is_last, RecoveredState& state,
                           spdlog::logger& log) {
    if (segment.start_sequence > state.last_sequence) {
        return recovery_error(segment.path, "starts after batch " +
                                                std::to_string(segment.start_sequence) +
                                                " but the checkpoint and earlier segments end "
                                                "at batch " +
                                                std::to_string(state.last_sequence) +
                                                " (a checkpoint or segment is missing)");
    }
    int fd = ::open(segment.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return recovery_error(segment.path, std::string("open: ") + std::strerror(errno));
    wal::LogReader reader(fd, segment.path.string());
    std::string record;
    sdk::Status status;
    while (status && reader.read_record(record)) {
        auto decoded = wal::decode_batch(record);
        if (!decoded) {
            status = recovery_error(segment.path, "record at offset " +
                                                      std::to_string(reader.last_record_offset()) +
                                                      ": " + decoded.error().message());
            break;
        }
        const std::uint64_t sequence = decoded->sequence;
        if (sequence <= state.last_sequence) continue;  // Already in the checkpoint.
        if (sequence != state.last_sequence + 1) {
            status = recovery_error(
                segment.path, "batch " + std::to_string(sequence) + " follows batch " +
                                  std::to_string(state.last_sequence) + " (batches are missing)");
            break;
        }
        if (sdk::Status valid = state.table.validate(decoded->batch); !valid) {
            status =
                recovery_error(segment.path, "batch " + std::to_string(sequence) +
                                                 " does not apply: " + valid.error().message());
            break;
        }
        state.table.apply(std::move(decoded->batch));
        state.last_sequence = sequence;
        ++state.replayed_batches;
    }
    if (status) status = reader.status();
    if (status && reader.end().kind == wal::LogEnd::Kind::torn_tail) {
        log.warn("{}: {}; recovery ends at batch {}", segment.path.string(),
                 wal::describe(reader.end()), state.last_sequence);
    }
    if (is_last) state.tail_valid_bytes = reader.valid_bytes();
    ::close(fd);
    return status;
}

}  // namespace

sdk::Result<RecoveredState> recover(const fs::path& dir, spdlog::logger& log) {
    auto listing = list_folder(dir, log);
    if (!listing) return listing.error();
    RecoveredState state;
    if (listing->newest_checkpoint) {
        TableLoader loader(state.table);
        auto sequence = wal::read_checkpoint(
            dir / wal::checkpoint_file_name(*listing->newest_checkpoint), loader);
        if (!sequence) return sequence.error();
        state.checkpoint_sequence = state.last_sequence = *sequence;
    }
    // Segments wholly older than the checkpoint (a crash between writing it and deleting them)
    // are skipped without being read: the checkpoint holds their batches.
    std::vector<SegmentFile>& segments = listing->segments;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const bool is_last = i + 1 == segments.size();
        if (!is_last && segments[i + 1].start_sequence <= state.checkpoint_sequence) continue;
        if (sdk::Status status = replay_segment(segments[i], is_last, state, log); !status) {
            return status.error();
        }
    }
    state.segments = std::move(segments);
    return state;
}

}  // namespace floci::host::storage
