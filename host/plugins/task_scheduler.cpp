#include "plugins/task_scheduler.hpp"

#include <boost/asio/post.hpp>

namespace floci::host {

struct TaskScheduler::Timer {
    Timer(boost::asio::io_context& io, sdk::TaskId id_, std::chrono::milliseconds period_,
          std::function<void()> task_)
        : timer(io), id(id_), period(period_), task(std::move(task_)) {}
    boost::asio::steady_timer timer;
    sdk::TaskId id;
    std::chrono::milliseconds period;  // zero: run once
    std::function<void()> task;
};

TaskScheduler::TaskScheduler()
    : work_(boost::asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }),
      thread_id_(thread_.get_id()) {}

TaskScheduler::~TaskScheduler() { shutdown(); }

void TaskScheduler::shutdown() {
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, timer] : timers_) timer->timer.cancel();
        timers_.clear();
    }
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
}

sdk::TaskId TaskScheduler::after(std::chrono::milliseconds delay, std::function<void()> task) {
    return schedule(delay, std::chrono::milliseconds::zero(), std::move(task));
}

sdk::TaskId TaskScheduler::every(std::chrono::milliseconds period, std::function<void()> task) {
    return schedule(period, std::max(period, std::chrono::milliseconds(1)), std::move(task));
}

sdk::TaskId TaskScheduler::schedule(std::chrono::milliseconds delay,
                                    std::chrono::milliseconds period, std::function<void()> task) {
    std::lock_guard lock(mutex_);
    const sdk::TaskId id = next_id_++;
    auto timer = std::make_shared<Timer>(io_, id, period, std::move(task));
    timer->timer.expires_after(delay);
    timers_.emplace(id, timer);
    arm(timer);
    return id;
}

void TaskScheduler::arm(const std::shared_ptr<Timer>& timer) {
    timer->timer.async_wait([this, timer](boost::system::error_code ec) {
        if (ec) return;
        {
            // Checked and marked running in one step under the lock, and the task runs outside
            // it (it may call the scheduler): a cancel() that takes the lock first removes the
            // task, so it never starts; one that takes it after waits for running_ to clear.
            std::lock_guard lock(mutex_);
            if (!timers_.contains(timer->id)) return;  // cancelled
            running_ = timer->id;
        }
        timer->task();
        {
            std::lock_guard lock(mutex_);
            running_ = 0;
            if (timer->period.count() == 0) {
                timers_.erase(timer->id);
            } else if (timers_.contains(timer->id)) {
                timer->timer.expires_after(timer->period);
                arm(timer);
            }
        }
        run_finished_.notify_all();
    });
}

void TaskScheduler::cancel(sdk::TaskId id) {
    std::unique_lock lock(mutex_);
    if (auto it = timers_.find(id); it != timers_.end()) {
        it->second->timer.cancel();
        timers_.erase(it);
    }
    // The contract (scheduler.hpp): when cancel() returns, a run already started has finished.
    // On the scheduler thread the running task is the caller (or none is running): waiting for
    // it would deadlock a task that cancels itself.
    if (std::this_thread::get_id() == thread_id_) return;
    run_finished_.wait(lock, [&] { return running_ != id; });
}

void TaskScheduler::post(std::function<void()> task) { boost::asio::post(io_, std::move(task)); }

sdk::TaskId PluginScheduler::after(std::chrono::milliseconds delay, std::function<void()> task) {
    auto id = inner_.after(delay, std::move(task));
    std::lock_guard lock(mutex_);
    ids_.insert(id);
    return id;
}

sdk::TaskId PluginScheduler::every(std::chrono::milliseconds period, std::function<void()> task) {
    auto id = inner_.every(period, std::move(task));
    std::lock_guard lock(mutex_);
    ids_.insert(id);
    return id;
}

void PluginScheduler::cancel(sdk::TaskId id) {
    inner_.cancel(id);
    std::lock_guard lock(mutex_);
    ids_.erase(id);
}

void PluginScheduler::cancel_all() {
    // Cancelled outside mutex_: cancel() waits for a running task, which may itself schedule or
    // cancel through this object.
    std::set<sdk::TaskId> ids;
    {
        std::lock_guard lock(mutex_);
        ids.swap(ids_);
    }
    for (auto id : ids) inner_.cancel(id);
}

}  // namespace floci::host
