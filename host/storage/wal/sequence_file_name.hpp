#pragma once
// File names that carry a sequence number, zero-padded to 20 digits so that byte order is
// numeric order in a directory listing: "log-00000000000000000042", "checkpoint-...".
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floci::host::storage::wal {

inline constexpr std::size_t kSequenceDigits = 20;  // enough for any uint64

inline std::string sequence_file_name(std::string_view prefix, std::uint64_t sequence) {
    const std::string digits = std::to_string(sequence);
    return std::string(prefix) + std::string(kSequenceDigits - digits.size(), '0') + digits;
}

// The sequence number of a name made by sequence_file_name(prefix, ...), else nullopt.
inline std::optional<std::uint64_t> parse_sequence_file_name(std::string_view prefix,
                                                             std::string_view name) {
    if (name.size() != prefix.size() + kSequenceDigits || !name.starts_with(prefix))
        return std::nullopt;
    const std::string_view digits = name.substr(prefix.size());
    std::uint64_t sequence = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), sequence);
    if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return sequence;
}

}  // namespace floci::host::storage::wal
