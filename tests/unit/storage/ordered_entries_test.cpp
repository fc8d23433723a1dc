#include "storage/ordered_entries.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace floci::host::storage {
namespace {

using namespace std::string_literals;
using Model = std::map<std::string, std::string, std::less<>>;

// Key `n` as base-7 digits over bytes chosen to catch signed comparisons and C-string handling
// (0x00, 0x7f, 0x80, 0xff). Numbers of different lengths give keys that are prefixes of each
// other, and 0 gives the empty key.
std::string key_of(std::uint32_t n) {
    static constexpr char kDigits[] = {'\x00', '\x01', 'a', '\x7f', '\x80', '\xfe', '\xff'};
    std::string key;
    for (; n > 0; n /= 7) key.push_back(kDigits[n % 7]);
    return key;
}

// "<prefix><n>", appended rather than built with operator+, which trips GCC 12's -Wrestrict
// false positive at -O3.
std::string numbered(std::string_view prefix, std::uint32_t n) {
    std::string key(prefix);
    key += std::to_string(n);
    return key;
}

std::vector<std::pair<std::string, std::string>> contents(const OrderedEntries& entries) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const EntryBlock& entry : entries) out.emplace_back(entry.key(), entry.value());
    return out;
}

std::vector<std::pair<std::string, std::string>> contents(const Model& model) {
    return {model.begin(), model.end()};
}

// Drives an OrderedEntries and a std::map with the same random operations and checks that
// every answer agrees, iterators included.
class Differential {
  public:
    explicit Differential(std::uint32_t seed) : random_(seed) {}

    // Puts and erases at random until the size reaches `target` (from below or from above),
    // over keys 0..key_count-1, checking bounds every third step and everything now and then.
    void drive_to(std::size_t target, std::uint32_t key_count, double put_share) {
        std::uniform_int_distribution<std::uint32_t> pick_key(0, key_count - 1);
        std::bernoulli_distribution put(put_share);
        const bool growing = model_.size() < target;
        // Full checks cost the size: spacing them by it keeps the test linear.
        const std::size_t check_every =
            std::max<std::size_t>(64, std::max(target, model_.size()) / 4);
        for (std::size_t step = 0; growing ? model_.size() < target : model_.size() > target;
             ++step) {
            const std::string key = key_of(pick_key(random_));
            if (put(random_)) {
                put_one(key, value_for(key));
            } else if (step % 2 == 0 || model_.empty()) {
                erase_one(key);  // often absent
            } else {
                // A present key, so that shrinking does not stall once hits get rare.
                auto present = model_.lower_bound(key);
                erase_one(present == model_.end() ? model_.begin()->first : present->first);
            }
            if (step % 3 == 0) check_bounds(key_of(pick_key(random_)));
            if (step % check_every == 0) check_all();
            if (::testing::Test::HasFailure()) return;
        }
        check_all();
    }

    void put_one(const std::string& key, const std::string& value) {
        EntryBlock::Ptr replaced = entries_.insert_or_assign(key, value);
        auto it = model_.find(key);
        if (it == model_.end()) {
            EXPECT_EQ(replaced, nullptr);
            model_.emplace(key, value);
        } else {
            ASSERT_NE(replaced, nullptr);
            EXPECT_EQ(replaced->key(), key);
            EXPECT_EQ(replaced->value(), it->second);
            it->second = value;
        }
    }

    // By value: the key may be the model's own, which the erase frees.
    void erase_one(std::string key) {
        EntryBlock::Ptr removed = entries_.erase(key);
        auto it = model_.find(key);
        if (it == model_.end()) {
            EXPECT_EQ(removed, nullptr);
        } else {
            ASSERT_NE(removed, nullptr);
            EXPECT_EQ(removed->key(), key);
            EXPECT_EQ(removed->value(), it->second);
            model_.erase(it);
        }
    }

    void check_bounds(const std::string& key) const {
        expect_same(entries_.find(key), model_.find(key), "find");
        expect_same(entries_.lower_bound(key), model_.lower_bound(key), "lower_bound");
        expect_same(entries_.upper_bound(key), model_.upper_bound(key), "upper_bound");
    }

    void check_all() const {
        ASSERT_EQ(entries_.size(), model_.size());
        EXPECT_EQ(entries_.empty(), model_.empty());
        ASSERT_EQ(contents(entries_), contents(model_));
        auto it = entries_.end();
        for (auto expected = model_.rbegin(); expected != model_.rend(); ++expected) {
            ASSERT_NE(it, entries_.begin());
            --it;
            ASSERT_EQ(it->key(), expected->first);
        }
        EXPECT_EQ(it, entries_.begin());
    }

    const OrderedEntries& entries() const { return entries_; }
    const Model& model() const { return model_; }

  private:
    std::string value_for(const std::string& key) {
        // Empty values now and then, and values that change on every put of the same key.
        const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 24)(random_);
        return length == 0 ? std::string() : key + std::to_string(random_()).substr(0, length);
    }

    // The same position, and the same neighbours on either side of it.
    void expect_same(OrderedEntries::Iterator it, Model::const_iterator expected,
                     const char* what) const {
        if (expected == model_.end()) {
            EXPECT_EQ(it, entries_.end()) << what;
        } else {
            ASSERT_NE(it, entries_.end()) << what;
            EXPECT_EQ(it->key(), expected->first) << what;
            EXPECT_EQ(it->value(), expected->second) << what;
            auto next = std::next(it);
            auto expected_next = std::next(expected);
            if (expected_next == model_.end()) {
                EXPECT_EQ(next, entries_.end()) << what;
            } else {
                ASSERT_NE(next, entries_.end()) << what;
                EXPECT_EQ(next->key(), expected_next->first) << what;
            }
        }
        if (expected == model_.begin()) {
            EXPECT_EQ(it, entries_.begin()) << what;
        } else {
            ASSERT_NE(it, entries_.begin()) << what;
            EXPECT_EQ(std::prev(it)->key(), std::prev(expected)->first) << what;
        }
    }

    std::mt19937 random_;
    OrderedEntries entries_;
    Model model_;
};

TEST(OrderedEntriesTest, EmptyHasNothing) {
    OrderedEntries entries;
    EXPECT_TRUE(entries.empty());
    EXPECT_EQ(entries.size(), 0u);
    EXPECT_EQ(entries.begin(), entries.end());
    EXPECT_EQ(entries.find(""), entries.end());
    EXPECT_EQ(entries.lower_bound("a"), entries.end());
    EXPECT_EQ(entries.upper_bound(""), entries.end());
    EXPECT_EQ(entries.erase("a"), nullptr);
}

TEST(OrderedEntriesTest, KeysCompareAsUnsignedBytesWithPrefixesFirst) {
    const std::vector<std::string> sorted = {"",      "\0"s, "\0\0"s, "\x01", "a",    "a\0"s,
                                             "a\0b"s, "ab",  "\x7f",  "\x80", "\xff", "\xff\xff"};
    OrderedEntries entries;
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) entries.insert_or_assign(*it, "v");
    std::vector<std::string> keys;
    for (const EntryBlock& entry : entries) keys.emplace_back(entry.key());
    EXPECT_EQ(keys, sorted);
    EXPECT_EQ(entries.find("a\0"s)->key(), "a\0"s);
    EXPECT_EQ(entries.upper_bound("a")->key(), "a\0"s);
    EXPECT_EQ(entries.lower_bound("\x7f\x01")->key(), "\x80");
}

TEST(OrderedEntriesTest, EmptyKeysAndValuesAreStored) {
    OrderedEntries entries;
    EXPECT_EQ(entries.insert_or_assign("", ""), nullptr);
    EXPECT_EQ(entries.insert_or_assign("k", ""), nullptr);
    ASSERT_NE(entries.find(""), entries.end());
    EXPECT_EQ(entries.find("")->value(), "");
    EXPECT_EQ(entries.find("k")->value(), "");
    EntryBlock::Ptr old = entries.insert_or_assign("", "now set");
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->value(), "");
    EXPECT_EQ(entries.find("")->value(), "now set");
    EXPECT_EQ(entries.size(), 2u);
}

TEST(OrderedEntriesTest, ValueBytesAreKeptExactly) {
    const std::string value = "\0\xff{\"a\":1}\0"s;
    EntryBlock::Ptr block = EntryBlock::make("k\0"s, value);
    EXPECT_EQ(block->key(), "k\0"s);
    EXPECT_EQ(block->value(), value);
}

TEST(OrderedEntriesTest, RandomOperationsMatchStdMapAcrossSplitsAndMerges) {
    // Sizes from one leaf to three levels of nodes; each run grows, shrinks to a few entries
    // (merging nodes back) and grows again, with about half the puts replacing a value.
    for (std::size_t target : {10u, 70u, 700u, 8000u}) {
        SCOPED_TRACE(target);
        Differential run(static_cast<std::uint32_t>(target));
        const auto key_count = static_cast<std::uint32_t>(target * 2);
        run.drive_to(target, key_count, 0.75);
        run.drive_to(target / 20, key_count, 0.25);
        run.drive_to(target, key_count, 0.75);
        run.drive_to(0, key_count, 0.2);
        EXPECT_EQ(run.entries().begin(), run.entries().end());
        if (HasFailure()) return;
    }
}

TEST(OrderedEntriesTest, AscendingAndDescendingPutsThenRandomErases) {
    for (bool ascending : {true, false}) {
        Differential run(ascending ? 1 : 2);
        for (std::uint32_t i = 0; i < 10000; ++i) {
            const std::uint32_t n = ascending ? i : 9999 - i;
            run.put_one(numbered("k", 100000 + n), std::to_string(n));
        }
        run.check_all();
        for (std::uint32_t i = 0; i < 10000; i += 3) run.erase_one(numbered("k", 100000 + i));
        run.check_all();
        run.check_bounds("k");
        run.check_bounds("k100001");
        run.check_bounds("z");
    }
}

TEST(OrderedEntriesTest, AppendBuildsTheSameMapAsPuts) {
    Differential run(3);
    OrderedEntries appended;
    for (std::uint32_t i = 0; i < 5000; ++i) {
        const std::string key = numbered("a", 10000 + i);
        appended.append(key, std::to_string(i));
        run.put_one(key, std::to_string(i));
    }
    EXPECT_EQ(appended.size(), 5000u);
    EXPECT_EQ(contents(appended), contents(run.model()));
    // Full leaves still take inserts in the middle and erases.
    appended.insert_or_assign("a12345x", "mid");
    EXPECT_EQ(std::next(appended.find("a12345"))->key(), "a12345x");
    EXPECT_NE(appended.erase("a10000"), nullptr);
    EXPECT_EQ(appended.begin()->key(), "a10001");
    EXPECT_EQ(std::prev(appended.end())->key(), "a14999");
}

TEST(OrderedEntriesTest, CopiesAreDeepAndMovesLeaveTheSourceEmpty) {
    OrderedEntries original;
    for (int i = 0; i < 1000; ++i) original.insert_or_assign(key_of(i * 7919 % 1000), "v");
    OrderedEntries copy(original);
    EXPECT_EQ(contents(copy), contents(original));
    copy.insert_or_assign("new", "x");
    copy.erase(key_of(5));
    EXPECT_EQ(original.size(), 1000u);
    EXPECT_NE(original.find(key_of(5)), original.end());
    EXPECT_EQ(original.find("new"), original.end());

    OrderedEntries assigned;
    assigned.insert_or_assign("old", "y");
    assigned = original;
    EXPECT_EQ(contents(assigned), contents(original));

    OrderedEntries moved(std::move(copy));
    EXPECT_EQ(moved.size(), 1000u);
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moves leave it empty
    EXPECT_EQ(copy.begin(), copy.end());
    assigned = std::move(moved);
    EXPECT_EQ(assigned.size(), 1000u);
    EXPECT_NE(assigned.find("new"), assigned.end());
    assigned.clear();
    EXPECT_TRUE(assigned.empty());
    assigned.insert_or_assign("again", "z");
    EXPECT_EQ(assigned.size(), 1u);
}

}  // namespace
}  // namespace floci::host::storage
