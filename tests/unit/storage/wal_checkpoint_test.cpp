// Checkpoints round-trip exactly, and an unreadable one is always an error, never empty.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "storage/wal/checkpoint.hpp"
#include "storage/wal/log_format.hpp"
#include "storage/wal/log_writer.hpp"
#include "temp_dir.hpp"

namespace floci::host::storage::wal {
namespace {

using floci::sdk::AwsError;
using floci::sdk::Status;
using Spaces = std::map<std::string, std::map<std::string, std::string>>;
namespace fs = std::filesystem;

class MapSource : public CheckpointSource {
  public:
    explicit MapSource(Spaces spaces) : spaces_(std::move(spaces)) {}
    Status visit(CheckpointVisitor& out) const override {
        for (const auto& [name, entries] : spaces_) {
            if (Status status = out.space(name); !status) return status;
            for (const auto& [key, value] : entries) {
                if (Status status = out.entry(key, value); !status) return status;
            }
        }
        return {};
    }

  private:
    Spaces spaces_;
};

class MapVisitor : public CheckpointVisitor {
  public:
    Status space(std::string_view name) override {
        current_ = &spaces[std::string(name)];
        return {};
    }
    Status entry(std::string_view key, std::string_view value) override {
        (*current_)[std::string(key)] = std::string(value);
        return {};
    }
    Spaces spaces;

  private:
    std::map<std::string, std::string>* current_ = nullptr;
};

// `users` entries in one space make several entries records (64 KiB each) at the default.
Spaces sample_spaces(int user_count = 5000) {
    Spaces spaces;
    spaces["empty"];
    spaces[""]["key in unnamed space"] = "v";
    auto& users = spaces["table/users"];
    for (int i = 0; i < user_count; ++i) {
        users["user#" + std::to_string(100000 + i)] =
            std::string(40, static_cast<char>('a' + i % 26));
    }
    users[std::string("\0\xff", 2)] = std::string("\0\0\x80", 3);
    spaces["blobs"]["big"] = std::string(3 * kBlockSize + 11, 'x');
    return spaces;
}

std::string error_of(const fs::path& file) {
    MapVisitor visitor;
    auto result = read_checkpoint(file, visitor);
    return result.ok() ? std::string() : result.error().message();
}

TEST(WalCheckpointTest, CheckpointRoundTrip) {
    floci::test::TempDir dir;
    Spaces spaces = sample_spaces();
    auto written = write_checkpoint(dir.path(), 42, MapSource(spaces));
    ASSERT_TRUE(written.ok()) << written.error().message();
    EXPECT_EQ(written->filename(), "checkpoint-00000000000000000042");
    EXPECT_FALSE(fs::exists(dir.path() / "checkpoint-00000000000000000042.tmp"));

    MapVisitor visitor;
    auto sequence = read_checkpoint(*written, visitor);
    ASSERT_TRUE(sequence.ok()) << sequence.error().message();
    EXPECT_EQ(*sequence, 42u);
    EXPECT_TRUE(visitor.spaces == spaces);
}

TEST(WalCheckpointTest, EmptyCheckpointRoundTrips) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 0, MapSource({}));
    ASSERT_TRUE(written.ok());
    MapVisitor visitor;
    auto sequence = read_checkpoint(*written, visitor);
    ASSERT_TRUE(sequence.ok()) << sequence.error().message();
    EXPECT_EQ(*sequence, 0u);
    EXPECT_TRUE(visitor.spaces.empty());
}

TEST(WalCheckpointTest, TruncatedCheckpointIsAnErrorNamingTheFile) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 7, MapSource(sample_spaces(200)));
    ASSERT_TRUE(written.ok());
    const std::uint64_t size = fs::file_size(*written);
    for (std::uint64_t cut = size - 1; cut > 0; --cut) {
        if (cut % 97 != 0 && size - cut > 64 && cut > 64) continue;
        fs::resize_file(*written, cut);
        std::string error = error_of(*written);
        ASSERT_NE(error, "") << "cut at " << cut;
        ASSERT_NE(error.find(written->string()), std::string::npos) << error;
    }
    fs::resize_file(*written, 0);
    EXPECT_NE(error_of(*written), "");
}

TEST(WalCheckpointTest, DamagedByteIsAnError) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 7, MapSource(sample_spaces()));
    ASSERT_TRUE(written.ok());
    int fd = ::open(written->c_str(), O_WRONLY);
    ASSERT_EQ(::pwrite(fd, "?", 1, 1000), 1);
    ::close(fd);
    std::string error = error_of(*written);
    EXPECT_NE(error.find("checksum mismatch"), std::string::npos) << error;
}

TEST(WalCheckpointTest, MissingFileIsAnError) {
    floci::test::TempDir dir;
    EXPECT_NE(error_of(dir.path() / "checkpoint-00000000000000000001"), "");
}

TEST(WalCheckpointTest, LogSegmentIsNotACheckpoint) {
    floci::test::TempDir dir;
    fs::path file = dir.path() / "log";
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT, 0644);
    LogWriter writer(fd);
    ASSERT_TRUE(writer.write_file_header(kLogMagic).ok());
    ASSERT_TRUE(writer.add_record("B12345678").ok());
    ::close(fd);
    EXPECT_NE(error_of(file).find("not a floci checkpoint file"), std::string::npos);
}

TEST(WalCheckpointTest, RenamedCheckpointWithOtherSequenceIsRejected) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 7, MapSource({}));
    ASSERT_TRUE(written.ok());
    fs::path renamed = dir.path() / checkpoint_file_name(8);
    fs::rename(*written, renamed);
    EXPECT_NE(error_of(renamed).find("holds sequence 7"), std::string::npos);
}

class FailingSource : public CheckpointSource {
  public:
    Status visit(CheckpointVisitor& out) const override {
        if (Status status = out.space("s"); !status) return status;
        if (Status status = out.entry("k", "v"); !status) return status;
        return AwsError::internal("snapshot went away");
    }
};

TEST(WalCheckpointTest, FailedSourceLeavesNoFile) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 3, FailingSource());
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().message(), "snapshot went away");
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

class UnorderedSource : public CheckpointSource {
  public:
    Status visit(CheckpointVisitor& out) const override {
        if (Status status = out.space("s"); !status) return status;
        if (Status status = out.entry("b", "1"); !status) return status;
        return out.entry("a", "2");
    }
};

TEST(WalCheckpointTest, KeysOutOfOrderFromSourceAreRejected) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 3, UnorderedSource());
    ASSERT_FALSE(written.ok());
    EXPECT_NE(written.error().message().find("out of order"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(WalCheckpointTest, WriteIntoMissingDirectoryFails) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path() / "missing", 1, MapSource({}));
    ASSERT_FALSE(written.ok());
    EXPECT_NE(written.error().message().find("open failed"), std::string::npos);
}

class StopVisitor : public MapVisitor {
  public:
    Status entry(std::string_view, std::string_view) override {
        return AwsError::internal("visitor stopped");
    }
};

TEST(WalCheckpointTest, VisitorErrorStopsReading) {
    floci::test::TempDir dir;
    auto written = write_checkpoint(dir.path(), 5, MapSource(sample_spaces()));
    ASSERT_TRUE(written.ok());
    StopVisitor visitor;
    auto result = read_checkpoint(*written, visitor);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message(), "visitor stopped");
}

TEST(WalCheckpointTest, FileNamesSortBySequenceAndParseBack) {
    EXPECT_LT(checkpoint_file_name(9), checkpoint_file_name(10));
    for (std::uint64_t sequence : {std::uint64_t{0}, std::uint64_t{42}, ~std::uint64_t{0}}) {
        EXPECT_EQ(parse_checkpoint_file_name(checkpoint_file_name(sequence)), sequence);
    }
    EXPECT_FALSE(parse_checkpoint_file_name(checkpoint_file_name(1) + ".tmp"));
    EXPECT_FALSE(parse_checkpoint_file_name("checkpoint-0000000000000000004x"));
    EXPECT_FALSE(parse_checkpoint_file_name("checkpoint-99999999999999999999"));  // Overflows.
    EXPECT_FALSE(parse_checkpoint_file_name("log-00000000000000000001"));
}

}  // namespace
}  // namespace floci::host::storage::wal
