// The record payload codec: exact round trips, and no crash or over-read on any input.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "storage/wal/batch_codec.hpp"

namespace floci::host::storage::wal {
namespace {

using floci::sdk::WriteBatch;
using namespace std::string_view_literals;  // put(space, key, "literal") is ambiguous.

void expect_same(const WriteBatch& a, const WriteBatch& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const WriteBatch::Op& x = a.ops()[i];
        const WriteBatch::Op& y = b.ops()[i];
        EXPECT_EQ(x.kind, y.kind) << i;
        EXPECT_EQ(x.space, y.space) << i;
        EXPECT_EQ(x.key, y.key) << i;
        EXPECT_TRUE(x.value == y.value) << i;  // Values can be large; do not print them.
    }
}

// `big` sizes one value, so that round trips cover multi-byte varints.
WriteBatch sample_batch(std::size_t big = 100000) {
    WriteBatch batch;
    batch.create_space("table/users");
    batch.put("table/users", "alice", "{\"age\":30}"sv);
    batch.put("table/users", std::string("bin\0key", 7), std::string("\0\xff\x80", 3));
    batch.put("table/users", "", ""sv);
    batch.put("table/users", "big", std::string(big, 'b'));
    batch.erase("table/users", "bob");
    batch.drop_space("index/old");
    batch.create_space("");
    return batch;
}

TEST(WalBatchCodecTest, BatchCodecRoundTrip) {
    for (std::uint64_t sequence : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1} << 40,
                                   std::numeric_limits<std::uint64_t>::max()}) {
        WriteBatch batch = sample_batch();
        std::string payload = encode_batch(sequence, batch);
        auto decoded = decode_batch(payload);
        ASSERT_TRUE(decoded.ok()) << decoded.error().message();
        EXPECT_EQ(decoded->sequence, sequence);
        expect_same(decoded->batch, batch);
    }
}

TEST(WalBatchCodecTest, EmptyBatchRoundTrips) {
    auto decoded = decode_batch(encode_batch(7, WriteBatch{}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->sequence, 7u);
    EXPECT_TRUE(decoded->batch.empty());
}

TEST(WalBatchCodecTest, EncodingAppendsToBuffer) {
    std::string out = "prefix";
    encode_batch(1, sample_batch(), out);
    EXPECT_EQ(out.substr(0, 6), "prefix");
    EXPECT_EQ(out.substr(6), encode_batch(1, sample_batch()));
}

TEST(WalBatchCodecTest, EveryTruncationIsRejected) {
    std::string payload = encode_batch(42, sample_batch(300));
    for (std::size_t size = 0; size < payload.size(); ++size) {
        // A copy of exactly `size` bytes, so ASan sees any read past the end.
        std::string cut = payload.substr(0, size);
        EXPECT_FALSE(decode_batch(cut).ok()) << "size " << size;
    }
}

TEST(WalBatchCodecTest, TrailingBytesAreRejected) {
    std::string payload = encode_batch(42, sample_batch()) + "x";
    auto decoded = decode_batch(payload);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message().find("trailing bytes"), std::string::npos);
}

TEST(WalBatchCodecTest, MalformedFieldsAreRejected) {
    const std::string seq(8, '\0');
    // Unknown op kind.
    EXPECT_FALSE(decode_batch(seq + "\x01\x09\x00").ok());
    EXPECT_FALSE(decode_batch(seq + std::string("\x01\x00\x00", 3)).ok());
    // A length larger than what is left.
    EXPECT_FALSE(decode_batch(seq + "\x01\x03\x7f"
                                    "ab")
                     .ok());
    // A huge op count must not reserve memory for it.
    EXPECT_FALSE(decode_batch(seq + "\xff\xff\xff\xff\xff\xff\xff\xff\x7f").ok());
    // Varints longer than 10 bytes, or overflowing 64 bits.
    EXPECT_FALSE(decode_batch(seq + std::string(11, '\x80') + "\x01").ok());
    EXPECT_FALSE(decode_batch(seq + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02").ok());
}

TEST(WalBatchCodecTest, BatchCodecRejectsGarbage) {
    // Random inputs and random damage to valid payloads: any result is allowed except a crash,
    // an over-read (ASan/UBSan builds) or an exception; most must be errors.
    std::mt19937_64 rng(20240611);
    const std::string valid = encode_batch(9, sample_batch());
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string input;
        if (i % 2 == 0) {
            input.resize(rng() % 64);
            for (char& c : input) c = static_cast<char>(rng());
        } else {
            input = valid.substr(0, 64 + rng() % 64);
            for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) {
                input[rng() % input.size()] = static_cast<char>(rng());
            }
        }
        auto decoded = decode_batch(input);
        if (decoded.ok()) {
            ++accepted;
            // Whatever decoded must re-encode to a payload that decodes to the same batch.
            auto again = decode_batch(encode_batch(decoded->sequence, decoded->batch));
            ASSERT_TRUE(again.ok());
            expect_same(again->batch, decoded->batch);
        }
    }
    EXPECT_LT(accepted, 1000);
}

}  // namespace
}  // namespace floci::host::storage::wal
