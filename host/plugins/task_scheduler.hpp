#pragma once
// One background thread that runs every plugin's timers and posted work (Asio timers on a
// private io_context), so no request thread is ever borrowed for a sweep or an export.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <condition_variable>
#include <floci/sdk/scheduler.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace floci::host {

class TaskScheduler final : public sdk::Scheduler {
  public:
    TaskScheduler();
    ~TaskScheduler();

    sdk::TaskId after(std::chrono::milliseconds delay, std::function<void()> task) override;
    sdk::TaskId every(std::chrono::milliseconds period, std::function<void()> task) override;
    void cancel(sdk::TaskId id) override;
    void post(std::function<void()> task) override;

    // Cancels everything and joins the thread; idempotent.
    void shutdown();

  private:
    struct Timer;
    sdk::TaskId schedule(std::chrono::milliseconds delay, std::chrono::milliseconds period,
                         std::function<void()> task);
    void arm(const std::shared_ptr<Timer>& timer);

    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::mutex mutex_;
    std::map<sdk::TaskId, std::shared_ptr<Timer>> timers_;
    sdk::TaskId next_id_ = 1;
    sdk::TaskId running_ = 0;               // the task running now (0: none), under mutex_
    std::condition_variable run_finished_;  // running_ went back to 0
    std::thread thread_;
    std::thread::id thread_id_;  // cancel() on this thread must not wait (see cancel())
};

// The scheduler a plugin sees: it remembers the plugin's tasks so the host can cancel them
// all when the plugin stops, whatever the plugin did itself.
class PluginScheduler final : public sdk::Scheduler {
  public:
    explicit PluginScheduler(TaskScheduler& inner) : inner_(inner) {}
    sdk::TaskId after(std::chrono::milliseconds delay, std::function<void()> task) override;
    sdk::TaskId every(std::chrono::milliseconds period, std::function<void()> task) override;
    void cancel(sdk::TaskId id) override;
    void post(std::function<void()> task) override { inner_.post(std::move(task)); }
    void cancel_all();

  private:
    TaskScheduler& inner_;
    std::mutex mutex_;
    std::set<sdk::TaskId> ids_;
};

}  // namespace floci::host
