#include "plugins/task_scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace floci::host {
namespace {

using namespace std::chrono_literals;

// Busy-waits, so a cancel lands at varying points around a task's start.
void spin_for(std::chrono::microseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
    }
}

// Waits until every task queued before this call has run.
void drain(TaskScheduler& scheduler) {
    std::promise<void> done;
    scheduler.post([&done] { done.set_value(); });
    ASSERT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
}

struct Probe {
    std::atomic<bool> cancel_returned{false};
    std::atomic<bool> started_after_cancel{false};
    std::atomic<int> starts{0};
    std::atomic<int> finishes{0};
};

// scheduler.hpp: once cancel() has returned the task never starts, and a run already going
// has finished. Tasks are cancelled before, while and after they come due (a one-shot due at
// once, a periodic one due after 1 ms), hundreds of times, so a cancel that returns while
// the task is (about to be) running shows up, even on a loaded machine.
TEST(TaskSchedulerTest, NoTaskStartsOrRunsAfterCancelReturns) {
    TaskScheduler scheduler;
    constexpr int kTasks = 600;
    int running_after_cancel = 0;
    std::vector<std::shared_ptr<Probe>> probes;
    for (int i = 0; i < kTasks; ++i) {
        auto probe = std::make_shared<Probe>();
        probes.push_back(probe);
        auto run = [probe] {
            if (probe->cancel_returned) probe->started_after_cancel = true;
            probe->starts++;
            // Sleeps: the canceller gets the CPU mid-run even when the cores are busy.
            std::this_thread::sleep_for(100us);
            probe->finishes++;
        };
        const auto id = i % 2 == 0 ? scheduler.after(0ms, std::move(run))
                                   : scheduler.every(1ms, std::move(run));
        spin_for(std::chrono::microseconds(i % 50 * 30));  // 0 to 1.5 ms
        scheduler.cancel(id);
        probe->cancel_returned = true;
        if (probe->starts != probe->finishes) ++running_after_cancel;
    }
    drain(scheduler);
    std::this_thread::sleep_for(5ms);  // a periodic task not cancelled would be due again
    drain(scheduler);
    int started_after_cancel = 0;
    for (const auto& probe : probes) started_after_cancel += probe->started_after_cancel ? 1 : 0;
    EXPECT_EQ(running_after_cancel, 0);
    EXPECT_EQ(started_after_cancel, 0);
}

// A task may cancel itself from inside its run: cancel() must not wait for the very run that
// called it (that would deadlock the scheduler thread), and the task must not run again.
TEST(TaskSchedulerTest, PeriodicTaskCancelsItselfWithoutDeadlock) {
    TaskScheduler scheduler;
    std::atomic<sdk::TaskId> id{0};
    std::atomic<int> runs{0};
    std::promise<void> cancelled;
    std::promise<void> id_known;
    auto id_ready = id_known.get_future().share();
    id = scheduler.every(1ms, [&, id_ready] {
        id_ready.wait();
        if (++runs == 3) {
            scheduler.cancel(id);
            cancelled.set_value();
        }
    });
    id_known.set_value();
    ASSERT_EQ(cancelled.get_future().wait_for(10s), std::future_status::ready);
    std::this_thread::sleep_for(10ms);
    drain(scheduler);
    EXPECT_EQ(runs, 3);
}

// A task cancelling another task (on the scheduler thread, so the other cannot be running)
// returns at once and the other never starts, even though it is already due.
TEST(TaskSchedulerTest, TaskCancelsAnotherDueTask) {
    TaskScheduler scheduler;
    std::atomic<bool> victim_ran{false};
    std::promise<void> gate;
    auto gate_open = gate.get_future().share();
    const auto victim = scheduler.after(1ms, [&] { victim_ran = true; });
    scheduler.post([&, gate_open] {
        gate_open.wait();
        std::this_thread::sleep_for(5ms);  // the victim's timer expires meanwhile
        scheduler.cancel(victim);
    });
    gate.set_value();
    std::this_thread::sleep_for(20ms);
    drain(scheduler);
    EXPECT_FALSE(victim_ran);
}

}  // namespace
}  // namespace floci::host
