#pragma once
// A checkpoint: a full copy of every key space as of one batch sequence number. Recovery loads
// the newest checkpoint, then replays the log batches with a higher sequence number.
//
// File format: a file in the physical format of log_format.hpp with kCheckpointMagic, whose
// logical records are (after the file header):
//
//   begin    := 'B' sequence:u64le
//   space    := 'S' name:bytes                      (spaces in any order, each at most once)
//   entries  := 'E' (key:bytes value:bytes)+        (the current space's entries, keys strictly
//                                                    ascending across all its 'E' records)
//   end      := 'Z' sequence:u64le spaces:varint entries:varint
//
// Unlike a log, a checkpoint is only ever read complete: it was fsync'd before it was renamed
// into place. So a torn tail, a missing end record, or counts that do not match are errors that
// name the file, never an empty or partial state, which recovery would otherwise take for the
// truth (Floci's PersistentStorage moves such a file aside instead of starting empty).
//
// Writing: checkpoint-<seq>.tmp, fsync, rename to checkpoint-<seq>, fsync the directory, so a
// crash leaves either the old set of checkpoints or the new one, plus possibly a stale .tmp
// that recovery may delete. <seq> is zero-padded to 20 digits so names sort by sequence.
#include <cstdint>
#include <filesystem>
#include <floci/sdk/result.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace floci::host::storage::wal {

// Receives a checkpoint's contents: space() once per space, then entry() for each of its
// entries in ascending key order. An error return stops the walk and is passed on.
class CheckpointVisitor {
  public:
    virtual ~CheckpointVisitor() = default;
    virtual floci::sdk::Status space(std::string_view name) = 0;
    virtual floci::sdk::Status entry(std::string_view key, std::string_view value) = 0;
};

// What write_checkpoint() copies: typically a consistent snapshot of the engine.
class CheckpointSource {
  public:
    virtual ~CheckpointSource() = default;
    // Feeds every space and its entries to `out` as CheckpointVisitor describes, passing on
    // the first error `out` returns.
    virtual floci::sdk::Status visit(CheckpointVisitor& out) const = 0;
};

// "checkpoint-00000000000000000042" for 42.
std::string checkpoint_file_name(std::uint64_t sequence);
// The sequence number of a final checkpoint file name; nullopt for anything else (.tmp too).
std::optional<std::uint64_t> parse_checkpoint_file_name(std::string_view name);

// Writes a checkpoint of `source` at `sequence` (the last batch it includes) into `dir`, and
// returns its path once it is durable. On failure the temp file is removed and no checkpoint
// of that sequence exists.
floci::sdk::Result<std::filesystem::path> write_checkpoint(const std::filesystem::path& dir,
                                                           std::uint64_t sequence,
                                                           const CheckpointSource& source);

// Reads the checkpoint at `file` into `visitor` and returns its sequence number. Contents
// stream to the visitor as they are read and verified, so on an error the caller must discard
// what the visitor received. Every error names the file.
floci::sdk::Result<std::uint64_t> read_checkpoint(const std::filesystem::path& file,
                                                  CheckpointVisitor& visitor);

}  // namespace floci::host::storage::wal
