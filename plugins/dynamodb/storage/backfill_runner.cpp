#include "storage/backfill_runner.hpp"

#include <atomic>
#include <charconv>
#include <deque>
#include <floci/sdk/aws_error.hpp>
#include <mutex>
#include <utility>

#include "storage/index_build.hpp"

namespace floci::dynamodb {
namespace {

// The whole of `text` as a number in [low, high], or nullopt.
std::optional<std::size_t> whole_number(const std::string& text, std::size_t low,
                                        std::size_t high) {
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < low || value > high)
        return std::nullopt;
    return value;
}

sdk::AwsError bad_setting(std::string_view variable, const std::string& value,
                          std::string_view expected) {
    return sdk::AwsError::internal(std::string(variable) + " must be " + std::string(expected) +
                                   ", not '" + value + "'");
}

}  // namespace

sdk::Result<BackfillSettings> backfill_settings(const std::optional<std::string>& chunk,
                                                const std::optional<std::string>& pause_ms) {
    BackfillSettings settings;
    if (chunk) {
        auto value = whole_number(*chunk, 1, 1'000'000);
        if (!value)
            return bad_setting("FLOCI_DYNAMODB_BACKFILL_CHUNK", *chunk,
                               "a whole number from 1 to 1000000");
        settings.chunk = *value;
    }
    if (pause_ms) {
        auto value = whole_number(*pause_ms, 0, 60'000);
        if (!value)
            return bad_setting("FLOCI_DYNAMODB_BACKFILL_PAUSE_MS", *pause_ms,
                               "a whole number from 0 to 60000");
        settings.pause = std::chrono::milliseconds(*value);
    }
    return settings;
}

struct BackfillRunner::State {
    explicit State(std::shared_ptr<spdlog::logger> log_) : log(std::move(log_)) {}

    const std::shared_ptr<spdlog::logger> log;
    std::mutex mutex;  // guards the members up to `running`
    sdk::Scheduler* scheduler = nullptr;
    BackfillSettings settings;
    std::deque<std::shared_ptr<IndexBuild>> builds;  // waiting for their next chunk
    std::optional<sdk::TaskId> next;                 // the scheduled chunk
    std::atomic<bool> stopped{false};
    std::mutex running;  // held while a chunk runs, so stop() can wait for it

    // Called with `mutex` held.
    void schedule_next(const std::shared_ptr<State>& self) {
        if (stopped || !scheduler || next || builds.empty()) return;
        // The task may start before after() returns; it takes `mutex` first, so it sees `next`.
        next = scheduler->after(settings.pause, [self] { self->run_chunk(self); });
    }

    void run_chunk(const std::shared_ptr<State>& self) {
        std::shared_ptr<IndexBuild> build;
        std::size_t chunk = 0;
        {
            std::lock_guard lock(mutex);
            next.reset();
            if (stopped || builds.empty()) return;
            build = std::move(builds.front());
            builds.pop_front();
            chunk = settings.chunk;
        }
        auto progress = IndexBuild::Progress::kAbandoned;
        {
            std::lock_guard lock(running);
            if (stopped) return;
            try {
                progress = build->step(chunk);
            } catch (const std::exception& e) {
                log->error("building index {} of table {} stopped: {}", build->index_name(),
                           build->table_name(), e.what());
            }
        }
        if (progress == IndexBuild::Progress::kFinished)
            log->debug("index {} of table {} is ACTIVE", build->index_name(), build->table_name());
        std::lock_guard lock(mutex);
        if (progress == IndexBuild::Progress::kMore) builds.push_back(std::move(build));
        schedule_next(self);
    }
};

BackfillRunner::BackfillRunner(std::shared_ptr<spdlog::logger> log)
    : state_(std::make_shared<State>(std::move(log))) {}

BackfillRunner::~BackfillRunner() { stop(); }

void BackfillRunner::start(sdk::Scheduler& scheduler, BackfillSettings settings) {
    std::lock_guard lock(state_->mutex);
    state_->scheduler = &scheduler;
    state_->settings = settings;
    state_->schedule_next(state_);
}

void BackfillRunner::submit(std::shared_ptr<IndexBuild> build) {
    std::lock_guard lock(state_->mutex);
    if (state_->stopped) return;
    state_->builds.push_back(std::move(build));
    state_->schedule_next(state_);
}

void BackfillRunner::stop() noexcept {
    std::optional<sdk::TaskId> next;
    sdk::Scheduler* scheduler = nullptr;
    {
        std::lock_guard lock(state_->mutex);
        state_->stopped = true;
        next = std::exchange(state_->next, std::nullopt);
        scheduler = state_->scheduler;
        state_->builds.clear();
    }
    // Outside `mutex`: cancel() waits for a task that has started, and the task takes `mutex`.
    if (next && scheduler) scheduler->cancel(*next);
    std::lock_guard wait_for_running_chunk(state_->running);
}

}  // namespace floci::dynamodb
