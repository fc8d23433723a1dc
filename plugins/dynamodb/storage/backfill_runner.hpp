#pragma once
// Runs index builds (index_build.hpp) in the background: UpdateTable answers at once with the
// new GSI CREATING, and the index turns ACTIVE when its build has copied every item.
//
// Each task on the host's scheduler runs one chunk of one build and then schedules the next
// chunk; builds of several tables take turns, a chunk each. The host's scheduler rather than
// a thread of the plugin's own: a chunk is bounded, so the scheduler's one thread is never
// held for a whole build and other timers (the token sweep, other plugins') run between
// chunks; and the host cancels the plugin's tasks when it stops, so a build cannot outlive
// the plugin. A thread of our own would only add a life cycle to manage.
#include <spdlog/logger.h>

#include <chrono>
#include <cstddef>
#include <floci/sdk/result.hpp>
#include <floci/sdk/scheduler.hpp>
#include <memory>
#include <optional>
#include <string>

namespace floci::dynamodb {

class IndexBuild;

// Items copied per hold of a table's write mutex: a write waits for at most one chunk (a few
// milliseconds), and a large table is still copied in few tasks.
inline constexpr std::size_t kBackfillChunk = 2000;

struct BackfillSettings {
    std::size_t chunk = kBackfillChunk;
    std::chrono::milliseconds pause{0};  // between two chunks
};

// FLOCI_DYNAMODB_BACKFILL_CHUNK (items per chunk, default kBackfillChunk) and
// FLOCI_DYNAMODB_BACKFILL_PAUSE_MS (default 0). Tests set a chunk of 1 and a pause to watch
// an index being built; a value that is not a number in range is an error naming the variable.
sdk::Result<BackfillSettings> backfill_settings(const std::optional<std::string>& chunk,
                                                const std::optional<std::string>& pause_ms);

class BackfillRunner {
  public:
    explicit BackfillRunner(std::shared_ptr<spdlog::logger> log);
    ~BackfillRunner();
    BackfillRunner(const BackfillRunner&) = delete;
    BackfillRunner& operator=(const BackfillRunner&) = delete;

    // Runs builds on `scheduler` from now on; builds submitted earlier start now.
    void start(sdk::Scheduler& scheduler, BackfillSettings settings);
    // Queues a build; it runs after start() and until it finishes, is abandoned or stop().
    void submit(std::shared_ptr<IndexBuild> build);
    // Cancels the next chunk and waits for one that is running; no chunk runs afterwards.
    // An unfinished index stays CREATING in the stored metadata and the next start finishes it.
    void stop() noexcept;

  private:
    // Shared with the scheduled task: the scheduler may start a task just as it is cancelled,
    // so the task must find the stopped flag, not a destroyed runner.
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace floci::dynamodb
