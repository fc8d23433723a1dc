#include "storage/backfill_runner.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <deque>
#include <functional>
#include <thread>

#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "plugins/task_scheduler.hpp"
#include "storage/index_build.hpp"
#include "storage/index_maintainer.hpp"
#include "storage/memory_store.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb {
namespace {

using namespace std::chrono_literals;

// Keeps one-shot tasks instead of running them, so a test runs them one by one.
class FakeScheduler final : public sdk::Scheduler {
  public:
    sdk::TaskId after(std::chrono::milliseconds delay, std::function<void()> task) override {
        delays.push_back(delay);
        tasks.push_back({++last_id, std::move(task)});
        return last_id;
    }
    sdk::TaskId every(std::chrono::milliseconds, std::function<void()>) override { return 0; }
    void cancel(sdk::TaskId id) override {
        std::erase_if(tasks, [&](const auto& t) { return t.first == id; });
    }
    void post(std::function<void()>) override {}

    // Runs the oldest task; false when none is waiting.
    bool run_one() {
        if (tasks.empty()) return false;
        auto task = std::move(tasks.front().second);
        tasks.pop_front();
        task();
        return true;
    }

    std::deque<std::pair<sdk::TaskId, std::function<void()>>> tasks;
    std::vector<std::chrono::milliseconds> delays;
    sdk::TaskId last_id = 0;
};

void ok(sdk::Status status) { ASSERT_TRUE(status); }

class BackfillRunnerTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_TRUE(store_.open()); }

    // A table of `items` items, each with the index key, and a GSI being created on it.
    std::shared_ptr<IndexBuild> table_with_new_index(const std::string& name, int items) {
        TableMeta meta;
        meta.account_id = "000000000000";
        meta.region = "us-east-1";
        meta.name = name;
        meta.id = name + "-id";
        meta.key.hash = {"pk", AttributeType::S};
        auto table = store_.create(meta, ok);
        for (int i = 0; i < items; ++i) {
            Item item{{"pk", AttributeValue("k" + std::to_string(i))}, {"g", AttributeValue("x")}};
            store_.write_item(
                *table, encode_table_key(item.at("pk")),
                [&](const std::optional<std::string>&) {
                    ItemWrite put{ItemWrite::Kind::kPut, {}, 0, 1};
                    write_item(put.value, item);
                    return put;
                },
                ok);
        }
        std::lock_guard lock(table->write_mutex());
        IndexMeta index;
        index.name = "by_g";
        index.key.hash = {"g", AttributeType::S};
        index.added_later = index.creating = true;
        meta.global_indexes.push_back(index);
        sdk::WriteBatch changes;
        changes.create_space(index_space(meta, "by_g"));
        store_.update(*table, meta, ok, std::move(changes));
        return std::make_shared<IndexBuild>(store_, table, "by_g");
    }

    std::uint64_t index_entries(const std::string& name) const {
        auto table = store_.find("000000000000", "us-east-1", name);
        return kv_.stats(index_space(*table->meta(), "by_g"))->entries;
    }

    bool creating(const std::string& name) const {
        return store_.find("000000000000", "us-east-1", name)->meta()->global_indexes[0].creating;
    }

    host::storage::MemoryStore kv_;
    TableStore store_{kv_};
    FakeScheduler scheduler_;
    BackfillRunner runner_{std::make_shared<spdlog::logger>(
        "backfill", std::make_shared<spdlog::sinks::null_sink_mt>())};
};

TEST_F(BackfillRunnerTest, RunsOneChunkPerTaskUntilTheIndexIsActive) {
    runner_.submit(table_with_new_index("t", 5));
    EXPECT_TRUE(scheduler_.tasks.empty());  // nothing runs before start()
    runner_.start(scheduler_, {2, 7ms});
    int tasks = 0;
    while (scheduler_.run_one()) ++tasks;
    EXPECT_EQ(tasks, 3);  // 2 + 2 + 1 items
    EXPECT_FALSE(creating("t"));
    for (auto delay : scheduler_.delays) EXPECT_EQ(delay, 7ms);
}

TEST_F(BackfillRunnerTest, BuildsOfSeveralTablesTakeTurns) {
    runner_.start(scheduler_, {1, 0ms});
    runner_.submit(table_with_new_index("one", 3));
    runner_.submit(table_with_new_index("two", 1));
    // one: k0; two: k0; one: k1; two: nothing left, done.
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(scheduler_.run_one());
    EXPECT_TRUE(creating("one"));
    EXPECT_FALSE(creating("two"));
    while (scheduler_.run_one()) {
    }
    EXPECT_FALSE(creating("one"));
}

TEST_F(BackfillRunnerTest, StopCancelsTheNextChunkAndLeavesTheIndexCreating) {
    runner_.start(scheduler_, {1, 0ms});
    runner_.submit(table_with_new_index("t", 3));
    ASSERT_TRUE(scheduler_.run_one());
    ASSERT_EQ(scheduler_.tasks.size(), 1u);
    runner_.stop();
    EXPECT_TRUE(scheduler_.tasks.empty());
    runner_.submit(table_with_new_index("later", 1));
    EXPECT_TRUE(scheduler_.tasks.empty());
    EXPECT_TRUE(creating("t"));
}

TEST_F(BackfillRunnerTest, ATaskThatStartsAfterStopDoesNothing) {
    runner_.start(scheduler_, {1, 0ms});
    runner_.submit(table_with_new_index("t", 3));
    auto task = std::move(scheduler_.tasks.front().second);  // as if already starting
    runner_.stop();
    task();
    EXPECT_TRUE(creating("t"));
    EXPECT_TRUE(scheduler_.tasks.empty());
}

// On the host's scheduler, whose cancel() waits for a task that has started: stop() must not
// hold what the task takes while it cancels, whenever it comes. Back-to-back chunks of one
// item make a task that has just started likely; a few rounds make it likelier.
TEST_F(BackfillRunnerTest, StopsMidBuildOnTheHostScheduler) {
    host::TaskScheduler scheduler;
    host::PluginScheduler plugin_scheduler(scheduler);
    for (int round = 0; round < 8; ++round) {
        const auto name = "t" + std::to_string(round);
        auto build = table_with_new_index(name, 5000);
        BackfillRunner runner(std::make_shared<spdlog::logger>(
            "backfill", std::make_shared<spdlog::sinks::null_sink_mt>()));
        runner.start(plugin_scheduler, {1, 0ms});
        runner.submit(std::move(build));
        std::this_thread::sleep_for(2ms);
        runner.stop();
        EXPECT_TRUE(creating(name));
        const auto copied = index_entries(name);
        std::this_thread::sleep_for(2ms);
        EXPECT_EQ(index_entries(name), copied);  // nothing copied after stop()
    }
    scheduler.shutdown();
}

TEST(BackfillSettingsTest, DefaultsAndOverrides) {
    auto defaults = backfill_settings(std::nullopt, std::nullopt);
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->chunk, kBackfillChunk);
    EXPECT_EQ(defaults->pause, 0ms);
    auto set = backfill_settings("1", "25");
    ASSERT_TRUE(set);
    EXPECT_EQ(set->chunk, 1u);
    EXPECT_EQ(set->pause, 25ms);
}

TEST(BackfillSettingsTest, BadValuesNameTheVariable) {
    for (const char* bad : {"0", "", "abc", "12x", "-1", "1000001"}) {
        auto chunk = backfill_settings(bad, std::nullopt);
        ASSERT_FALSE(chunk) << bad;
        EXPECT_NE(chunk.error().message().find("FLOCI_DYNAMODB_BACKFILL_CHUNK"), std::string::npos);
    }
    auto pause = backfill_settings(std::nullopt, "60001");
    ASSERT_FALSE(pause);
    EXPECT_NE(pause.error().message().find("FLOCI_DYNAMODB_BACKFILL_PAUSE_MS"), std::string::npos);
}

}  // namespace
}  // namespace floci::dynamodb
