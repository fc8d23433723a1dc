#pragma once
// The physical format of a floci log segment. This is an on-disk contract: a file written by one
// build must be read by every later one, so change it only by bumping kFormatVersion and keeping
// a reader for the old version.
//
// The format is LevelDB's (google/leveldb doc/log_format.md), with zlib's CRC-32 in place of
// CRC-32C because zlib is already a dependency:
//
//   file     := block*
//   block    := record* trailer?            (every block is kBlockSize bytes, the last may be
//   short) record   := checksum:u32le length:u16le type:u8 payload[length] trailer  := 0x00{0..6}
//   (a block tail too short for a header)
//
//   checksum = mask(crc32(type byte + payload)); mask() is LevelDB's crc32c::Mask.
//
// A logical record (one serialized WriteBatch) that does not fit in what is left of the current
// block is split into a FIRST fragment, zero or more MIDDLE fragments, and a LAST fragment, each
// in its own block; a record that fits is one FULL fragment. Records never span a block
// boundary physically, so a reader can always resynchronise at the next block start: this is
// what lets it tell a torn tail from damage in the middle of the file (see log_reader.hpp).
//
// Versioning: the first logical record of every file is a file header, an 8-byte magic followed
// by kFormatVersion as u32le (LogWriter::write_file_header()). The magic says what the records
// are: kLogMagic for log segments (batch_codec.hpp payloads), kCheckpointMagic for checkpoints
// (checkpoint.hpp), so that one can never be replayed as the other. It lives in the segment rather
// than in the checkpoint because a log can exist without any checkpoint (a fresh data folder), and
// because each segment then describes itself: a reader refuses a file that is not a floci log,
// or that a newer build wrote, before it replays a single batch.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace floci::host::storage::wal {

enum class RecordType : std::uint8_t {
    // Never written as a record; it is what zero-filled space (a block trailer, or pages a crash
    // left unwritten) decodes as, so it must not be a valid type.
    zero = 0,
    full = 1,
    first = 2,
    middle = 3,
    last = 4,
};
inline constexpr std::uint8_t kMaxRecordType = static_cast<std::uint8_t>(RecordType::last);

// 32 KiB: LevelDB's choice. Big enough that the 7-byte headers cost little, small enough that a
// reader resynchronises quickly after damage.
inline constexpr std::size_t kBlockSize = 32768;
// checksum (4) + length (2) + type (1).
inline constexpr std::size_t kHeaderSize = 4 + 2 + 1;

inline constexpr std::string_view kLogMagic = "FLOCIWAL";
inline constexpr std::string_view kCheckpointMagic = "FLOCICKP";
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::size_t kFileHeaderSize = kLogMagic.size() + 4;
static_assert(kCheckpointMagic.size() == kLogMagic.size());

// LevelDB masks stored CRCs because a CRC over data that itself embeds CRCs (a log file kept as
// a value) is weak; rotating and adding a constant breaks that.
inline constexpr std::uint32_t kMaskDelta = 0xa282ead8u;

inline constexpr std::uint32_t mask_crc(std::uint32_t crc) {
    return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}

inline constexpr std::uint32_t unmask_crc(std::uint32_t masked) {
    std::uint32_t rot = masked - kMaskDelta;
    return (rot >> 17) | (rot << 15);
}

// The masked checksum stored in a record header: CRC-32 over the type byte, then the payload.
inline std::uint32_t record_checksum(RecordType type, std::string_view payload) {
    auto type_byte = static_cast<unsigned char>(type);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, &type_byte, 1);
    // zlib takes a uInt length; a fragment payload is at most kBlockSize bytes.
    crc = crc32(crc, reinterpret_cast<const Bytef*>(payload.data()),
                static_cast<uInt>(payload.size()));
    return mask_crc(static_cast<std::uint32_t>(crc));
}

inline void encode_fixed32(char* out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

inline std::uint32_t decode_fixed32(const char* in) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i)
        value |= std::uint32_t{static_cast<unsigned char>(in[i])} << (8 * i);
    return value;
}

}  // namespace floci::host::storage::wal
