#pragma once
// Timers and background work for plugins (TTL sweeps, flushes, asynchronous exports). Tasks
// run on the host's scheduler thread, never on a request thread. A plugin's tasks are
// cancelled when it stops, whether or not it cancelled them itself.
#include <boost/config.hpp>
#include <chrono>
#include <cstdint>
#include <functional>

namespace floci::sdk {

using TaskId = std::uint64_t;

class BOOST_SYMBOL_VISIBLE Scheduler {
  public:
    virtual TaskId after(std::chrono::milliseconds delay, std::function<void()> task) = 0;
    virtual TaskId every(std::chrono::milliseconds period, std::function<void()> task) = 0;
    // After cancel() returns the task will not start again, and a run already started has
    // finished: cancel() waits for it. Called from a task (the scheduler thread; e.g. a task
    // cancelling itself) it does not wait, since no other task can be running then. So never
    // call cancel() while holding a lock that the task takes.
    virtual void cancel(TaskId id) = 0;
    // Runs `task` once, as soon as possible, on the scheduler thread.
    virtual void post(std::function<void()> task) = 0;

  protected:
    ~Scheduler() = default;
};

// Wall-clock time, injectable so tests can move time (TTL, idempotency windows).
class BOOST_SYMBOL_VISIBLE Clock {
  public:
    virtual std::chrono::system_clock::time_point now() const noexcept = 0;

  protected:
    ~Clock() = default;
};

}  // namespace floci::sdk
