#pragma once
// Rebuilds a durable store's state from its folder: the newest checkpoint, then every logged
// batch after it, in sequence order. Whatever cannot be read is an error that names the file
// (a damaged checkpoint, a corrupt record with valid ones after it, a file from a newer format
// version, a gap in the sequence numbers), never a quietly empty or partial store. A torn tail
// at the end of a segment is the one clean ending: the writer died mid-record, before the
// batch was acknowledged as durable; it is logged with the bytes dropped.
#include <spdlog/logger.h>

#include <cstdint>
#include <filesystem>
#include <floci/sdk/result.hpp>
#include <string>
#include <vector>

#include "storage/space_table.hpp"

namespace floci::host::storage {

struct SegmentFile {
    std::filesystem::path path;
    std::uint64_t start_sequence = 0;
};

struct RecoveredState {
    SpaceTable table;
    std::uint64_t last_sequence = 0;        // The last batch applied; 0 in a fresh folder.
    std::uint64_t checkpoint_sequence = 0;  // Of the checkpoint loaded; 0 if none.
    std::vector<SegmentFile> segments;      // Every segment found, in sequence order.
    std::uint64_t tail_valid_bytes = 0;     // Of segments.back(): where appending resumes.
    std::uint64_t replayed_batches = 0;
};

// Reads `dir`, which must exist and be locked by the caller. Deletes leftover *.tmp files
// (checkpoints a crash interrupted before their rename). `log` gets the torn tails.
sdk::Result<RecoveredState> recover(const std::filesystem::path& dir, spdlog::logger& log);

}  // namespace floci::host::storage
