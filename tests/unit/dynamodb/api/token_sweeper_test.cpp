#include "api/token_sweeper.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "api/transaction_tokens.hpp"
#include "storage/memory_store.hpp"

namespace floci::dynamodb::api {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::system_clock::time_point;

const TimePoint kStart{std::chrono::hours(24 * 365 * 50)};

class FakeClock final : public sdk::Clock {
  public:
    TimePoint now() const noexcept override { return now_; }
    TimePoint now_ = kStart;
};

// Keeps the periodic task instead of running it, so a test runs it when it likes.
class FakeScheduler final : public sdk::Scheduler {
  public:
    sdk::TaskId after(std::chrono::milliseconds, std::function<void()>) override { return 0; }
    sdk::TaskId every(std::chrono::milliseconds period, std::function<void()> task) override {
        period_ = period;
        task_ = std::move(task);
        return 7;
    }
    void cancel(sdk::TaskId id) override { cancelled_ = id; }
    void post(std::function<void()>) override {}

    std::chrono::milliseconds period_{0};
    std::function<void()> task_;
    sdk::TaskId cancelled_ = 0;
};

class TokenSweeperTest : public ::testing::Test {
  protected:
    TransactionToken token(const std::string& name, TimePoint used_at) {
        boost::json::object request;
        request["TransactItems"] = boost::json::array{};
        return TransactionToken("000000000000", "us-east-1", name, request, used_at);
    }

    // Records `name` as used at `used_at`, as a committed transaction does.
    void use(const std::string& name, TimePoint used_at) {
        sdk::WriteBatch batch;
        token(name, used_at).record(kv_, batch, "{}");
        kv_.commit(std::move(batch), [](sdk::Status status) { ASSERT_TRUE(status); });
    }

    std::size_t records() const {
        std::size_t count = 0;
        auto status = kv_.scan(kTokensSpace, {}, [&](std::string_view, std::string_view) {
            ++count;
            return true;
        });
        EXPECT_TRUE(status);
        return count;
    }

    host::storage::MemoryStore kv_;
    FakeClock clock_;
    TokenSweeper sweeper_{kv_, clock_};
};

TEST_F(TokenSweeperTest, DeletesExpiredRecordsAndKeepsLiveOnes) {
    use("old", kStart);
    use("recent", kStart + 5min);
    clock_.now_ = kStart + kTokenLifetime;  // "old" expires exactly now
    EXPECT_EQ(sweeper_.sweep(), 1u);
    EXPECT_EQ(records(), 1u);
    EXPECT_EQ(token("recent", clock_.now_).replay(kv_), "{}");
    EXPECT_EQ(token("old", clock_.now_).replay(kv_), std::nullopt);
}

TEST_F(TokenSweeperTest, WalksTheWholeSpaceChunkByChunk) {
    const std::size_t total = 2 * kTokenSweepChunk + 7;
    std::size_t live = 0;
    for (std::size_t i = 0; i < total; ++i) {
        const bool keep = i % 3 == 0;
        live += keep;
        use("token-" + std::to_string(i), keep ? kStart + 1h : kStart);
    }
    clock_.now_ = kStart + 30min;
    EXPECT_EQ(sweeper_.sweep(), total - live);
    EXPECT_EQ(records(), live);
}

TEST_F(TokenSweeperTest, UnreadableRecordsAreDeleted) {
    use("valid", kStart);
    sdk::WriteBatch batch;
    batch.put(kTokensSpace, "garbage", std::string("not a record"));
    kv_.commit(std::move(batch), [](sdk::Status status) { ASSERT_TRUE(status); });
    EXPECT_EQ(sweeper_.sweep(), 1u);
    EXPECT_EQ(records(), 1u);
}

TEST_F(TokenSweeperTest, NothingToSweepBeforeTheFirstToken) { EXPECT_EQ(sweeper_.sweep(), 0u); }

TEST_F(TokenSweeperTest, SweepsEveryMinuteUntilStopped) {
    FakeScheduler scheduler;
    sweeper_.start(scheduler);
    EXPECT_EQ(scheduler.period_, std::chrono::milliseconds(kTokenSweepPeriod));
    ASSERT_TRUE(scheduler.task_);
    use("first", kStart);
    clock_.now_ = kStart + 11min;
    scheduler.task_();
    EXPECT_EQ(records(), 0u);

    sweeper_.stop();
    EXPECT_EQ(scheduler.cancelled_, 7u);
    // A task the scheduler started just as it was cancelled finds the sweeper stopped.
    use("second", kStart);
    scheduler.task_();
    EXPECT_EQ(records(), 1u);
}

}  // namespace
}  // namespace floci::dynamodb::api
