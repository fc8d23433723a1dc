#include "api/token_sweeper.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "api/transaction_tokens.hpp"

namespace floci::dynamodb::api {

struct TokenSweeper::State {
    State(sdk::KvStore& kv_, const sdk::Clock& clock_) : kv(kv_), clock(clock_) {}

    sdk::KvStore& kv;
    const sdk::Clock& clock;
    std::mutex running;  // held for a whole sweep, so stop() can wait for one
    std::atomic<bool> stopped{false};

    std::size_t sweep() {
        std::lock_guard lock(running);
        std::size_t deleted = 0;
        std::optional<std::string> after;
        while (!stopped && sweep_chunk(after, deleted)) {
        }
        return deleted;
    }

    // Erases the expired records among the next kTokenSweepChunk after `after` (from the start
    // when absent) and moves `after` to the last one read. False once the space is done.
    bool sweep_chunk(std::optional<std::string>& after, std::size_t& deleted) {
        std::lock_guard tokens(TransactionToken::mutex());
        if (!kv.has_space(kTokensSpace)) return false;
        const auto now = clock.now();
        sdk::ScanOptions options;
        options.limit = kTokenSweepChunk;
        if (after) options.lower = sdk::Bound{*after, false};
        sdk::WriteBatch batch;
        std::size_t read = 0;
        std::string last;
        auto status =
            kv.scan(kTokensSpace, options, [&](std::string_view key, std::string_view value) {
                ++read;
                last.assign(key);
                if (token_record_expired(value, now)) batch.erase(kTokensSpace, key);
                return true;
            });
        if (!status) return false;
        after = std::move(last);
        deleted += batch.size();
        // A failed erase leaves the records to the next sweep; the store reports its own
        // failure to the writes that follow.
        if (!batch.empty()) kv.commit(std::move(batch), [](sdk::Status) {});
        return read == kTokenSweepChunk;
    }
};

TokenSweeper::TokenSweeper(sdk::KvStore& kv, const sdk::Clock& clock)
    : state_(std::make_shared<State>(kv, clock)) {}

TokenSweeper::~TokenSweeper() { stop(); }

void TokenSweeper::start(sdk::Scheduler& scheduler) {
    scheduler_ = &scheduler;
    task_ = scheduler.every(
        std::chrono::duration_cast<std::chrono::milliseconds>(kTokenSweepPeriod), [state = state_] {
            if (!state->stopped) state->sweep();
        });
}

void TokenSweeper::stop() noexcept {
    state_->stopped = true;
    if (scheduler_) scheduler_->cancel(task_);
    scheduler_ = nullptr;
    std::lock_guard wait_for_running_sweep(state_->running);
}

std::size_t TokenSweeper::sweep() { return state_->sweep(); }

}  // namespace floci::dynamodb::api
