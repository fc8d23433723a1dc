#include "storage/wal/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <floci/sdk/aws_error.hpp>
#include <set>
#include <utility>

#include "storage/wal/coding.hpp"
#include "storage/wal/log_reader.hpp"
#include "storage/wal/log_writer.hpp"
#include "storage/wal/sequence_file_name.hpp"

namespace floci::host::storage::wal {

using floci::sdk::AwsError;
using floci::sdk::Result;
using floci::sdk::Status;
namespace fs = std::filesystem;

namespace {

constexpr char kBeginRecord = 'B';
constexpr char kSpaceRecord = 'S';
constexpr char kEntriesRecord = 'E';
constexpr char kEndRecord = 'Z';
// Entries are grouped into records of about this size: large enough that record headers and
// write(2) calls cost little, small enough that neither writer nor reader buffers much.
constexpr std::size_t kEntriesChunkBytes = 64 * 1024;
// Digits of the largest uint64, so that names sort in sequence order.
constexpr std::string_view kNamePrefix = "checkpoint-";

AwsError checkpoint_error(const fs::path& file, const std::string& what) {
    return AwsError::internal("checkpoint " + file.string() + ": " + what);
}

AwsError errno_error(const fs::path& file, const char* call) {
    return checkpoint_error(file, std::string(call) + " failed: " + std::strerror(errno));
}

// Closes the descriptor on every path out of a function.
class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // Closes now, to see close()'s error (it can report a failed delayed write).
    int close() {
        int fd = std::exchange(fd_, -1);
        return fd >= 0 ? ::close(fd) : 0;
    }

  private:
    int fd_;
};

// Turns the source's walk into records, checking what the visitor contract promises so that a
// buggy source cannot write a checkpoint that read_checkpoint() would reject.
class CheckpointFileWriter final : public CheckpointVisitor {
  public:
    CheckpointFileWriter(LogWriter& log, const fs::path& file) : log_(log), file_(file) {}

    Status begin(std::uint64_t sequence) {
        std::string record(1, kBeginRecord);
        put_fixed64(record, sequence);
        return log_.add_record(record);
    }

    Status space(std::string_view name) override {
        if (Status status = flush(); !status) return status;
        if (!spaces_.emplace(name).second) {
            return checkpoint_error(file_, "space '" + std::string(name) + "' visited twice");
        }
        current_space_ = name;
        in_space_ = true;
        has_key_ = false;
        std::string record(1, kSpaceRecord);
        put_bytes(record, name);
        return log_.add_record(record);
    }

    Status entry(std::string_view key, std::string_view value) override {
        if (!in_space_) {
            return checkpoint_error(file_, "entry before any space");
        }
        if (has_key_ && key <= std::string_view(last_key_)) {
            return checkpoint_error(file_, "keys out of order in space '" + current_space_ + "'");
        }
        last_key_.assign(key);
        has_key_ = true;
        if (chunk_.empty()) chunk_.push_back(kEntriesRecord);
        put_bytes(chunk_, key);
        put_bytes(chunk_, value);
        ++entries_;
        return chunk_.size() >= kEntriesChunkBytes ? flush() : Status{};
    }

    Status finish(std::uint64_t sequence) {
        if (Status status = flush(); !status) return status;
        std::string record(1, kEndRecord);
        put_fixed64(record, sequence);
        put_varint(record, spaces_.size());
        put_varint(record, entries_);
        return log_.add_record(record);
    }

  private:
    Status flush() {
        if (chunk_.empty()) return {};
        Status status = log_.add_record(chunk_);
        chunk_.clear();
        return status;
    }

    LogWriter& log_;
    const fs::path& file_;
    std::set<std::string, std::less<>> spaces_;
    std::string current_space_;
    bool in_space_ = false;
    std::string last_key_;
    bool has_key_ = false;
    std::uint64_t entries_ = 0;
    std::string chunk_;
};

Status write_file(const fs::path& tmp, std::uint64_t sequence, const CheckpointSource& source) {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) return errno_error(tmp, "open");
    LogWriter log(fd.get());
    CheckpointFileWriter writer(log, tmp);
    Status status = log.write_file_header(kCheckpointMagic);
    if (status) status = writer.begin(sequence);
    if (status) status = source.visit(writer);
    if (status) status = writer.finish(sequence);
    if (status) status = log.sync();
    if (!status) return status;
    if (fd.close() != 0) return errno_error(tmp, "close");
    return {};
}

Status sync_directory(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return errno_error(dir, "open directory");
    if (::fsync(fd.get()) != 0) return errno_error(dir, "fsync directory");
    return {};
}

// Checks the records of a checkpoint file in order and feeds them to the visitor.
class CheckpointFileReader {
  public:
    CheckpointFileReader(const fs::path& file, CheckpointVisitor& visitor)
        : file_(file), visitor_(visitor) {}

    Status record(std::string_view record, std::uint64_t offset) {
        if (ended_) return bad(offset, "record after the end record");
        Decoder in(record);
        std::optional<std::uint8_t> kind = in.byte();
        if (!begun_ && kind != kBeginRecord) return bad(offset, "missing begin record");
        switch (kind.value_or(0)) {
            case kBeginRecord:
                return begin(in, offset);
            case kSpaceRecord:
                return space(in, offset);
            case kEntriesRecord:
                return entries(in, offset);
            case kEndRecord:
                return end(in, offset);
            default:
                return bad(offset, "unknown record kind");
        }
    }

    Result<std::uint64_t> finish() const {
        if (!ended_) return checkpoint_error(file_, "incomplete: no end record");
        return sequence_;
    }

  private:
    Status begin(Decoder& in, std::uint64_t offset) {
        std::optional<std::uint64_t> sequence = in.fixed64();
        if (begun_ || !sequence || in.left() != 0) return bad(offset, "bad begin record");
        begun_ = true;
        sequence_ = *sequence;
        return {};
    }

    Status space(Decoder& in, std::uint64_t offset) {
        std::optional<std::string_view> name = in.bytes();
        if (!name || in.left() != 0) return bad(offset, "bad space record");
        if (!spaces_.emplace(*name).second) return bad(offset, "space listed twice");
        in_space_ = true;
        has_key_ = false;
        return visitor_.space(*name);
    }

    Status entries(Decoder& in, std::uint64_t offset) {
        if (!in_space_) return bad(offset, "entries before any space");
        if (in.left() == 0) return bad(offset, "empty entries record");
        while (in.left() != 0) {
            std::optional<std::string_view> key = in.bytes();
            std::optional<std::string_view> value = key ? in.bytes() : std::nullopt;
            if (!value) return bad(offset, "truncated entry");
            if (has_key_ && *key <= std::string_view(last_key_)) {
                return bad(offset, "keys out of order");
            }
            last_key_.assign(*key);
            has_key_ = true;
            ++entries_;
            if (Status status = visitor_.entry(*key, *value); !status) return status;
        }
        return {};
    }

    Status end(Decoder& in, std::uint64_t offset) {
        std::optional<std::uint64_t> sequence = in.fixed64();
        std::optional<std::uint64_t> spaces = sequence ? in.varint() : std::nullopt;
        std::optional<std::uint64_t> entries = spaces ? in.varint() : std::nullopt;
        if (!entries || in.left() != 0) return bad(offset, "bad end record");
        if (*sequence != sequence_ || *spaces != spaces_.size() || *entries != entries_) {
            return bad(offset, "end record does not match the contents");
        }
        ended_ = true;
        return {};
    }

    Status bad(std::uint64_t offset, const char* what) const {
        return checkpoint_error(file_, std::string(what) + " at offset " + std::to_string(offset));
    }

    const fs::path& file_;
    CheckpointVisitor& visitor_;
    bool begun_ = false;
    bool ended_ = false;
    std::uint64_t sequence_ = 0;
    std::set<std::string, std::less<>> spaces_;
    bool in_space_ = false;
    std::string last_key_;
    bool has_key_ = false;
    std::uint64_t entries_ = 0;
};

}  // namespace

std::string checkpoint_file_name(std::uint64_t sequence) {
    return sequence_file_name(kNamePrefix, sequence);
}

std::optional<std::uint64_t> parse_checkpoint_file_name(std::string_view name) {
    return parse_sequence_file_name(kNamePrefix, name);
}

Result<fs::path> write_checkpoint(const fs::path& dir, std::uint64_t sequence,
                                  const CheckpointSource& source) {
    fs::path final_path = dir / checkpoint_file_name(sequence);
    fs::path tmp = final_path;
    tmp += ".tmp";
    Status status = write_file(tmp, sequence, source);
    if (status && ::rename(tmp.c_str(), final_path.c_str()) != 0) {
        status = errno_error(final_path, "rename");
    }
    if (!status) {
        ::unlink(tmp.c_str());
        return status.error();
    }
    // Until the directory is synced, the rename itself may be lost in a crash.
    if (Status synced = sync_directory(dir); !synced) return synced.error();
    return final_path;
}

Result<std::uint64_t> read_checkpoint(const fs::path& file, CheckpointVisitor& visitor) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return errno_error(file, "open");
    LogReader reader(fd.get(), file.string(), kCheckpointMagic);
    CheckpointFileReader checker(file, visitor);
    std::string record;
    while (reader.read_record(record)) {
        if (Status status = checker.record(record, reader.last_record_offset()); !status) {
            return status.error();
        }
    }
    // A checkpoint was synced before its rename: even a torn tail means it is damaged.
    if (reader.end().kind != LogEnd::Kind::clean) {
        return checkpoint_error(file, describe(reader.end()));
    }
    Result<std::uint64_t> sequence = checker.finish();
    if (!sequence) return sequence;
    std::optional<std::uint64_t> named = parse_checkpoint_file_name(file.filename().string());
    if (named && *named != *sequence) {
        return checkpoint_error(file, "holds sequence " + std::to_string(*sequence));
    }
    return sequence;
}

}  // namespace floci::host::storage::wal
