#include "plugins/plugin_loader.hpp"

#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <atomic>
#include <future>
#include <memory>
#include <thread>

namespace floci::host {
namespace {

using namespace std::chrono_literals;

// What the fake service's tasks observe; shared, so it outlives the service.
struct Observed {
    std::atomic<bool> stopping{false};
    std::atomic<bool> destroyed{false};
    std::atomic<int> ran_on_destroyed{0};
};

// A service whose background work is posted to the scheduler: post() tasks are not cancelled
// by the host's cancel_all(), so only the order of stop_all() keeps them off a dead service.
class PostingService final : public sdk::Service {
  public:
    PostingService(sdk::Host& host, std::shared_ptr<Observed> seen)
        : host_(host), seen_(std::move(seen)) {}
    ~PostingService() override { seen_->destroyed = true; }

    // One task that is still running when the host stops the service, and one queued behind it.
    void start_work(std::promise<void>& running) {
        host_.scheduler().post([seen = seen_, &running] {
            running.set_value();
            while (!seen->stopping) std::this_thread::sleep_for(1ms);
            std::this_thread::sleep_for(50ms);  // still busy while the host tears down
            if (seen->destroyed) seen->ran_on_destroyed++;
        });
        host_.scheduler().post([seen = seen_] {
            if (seen->destroyed) seen->ran_on_destroyed++;
        });
    }

    void handle(const sdk::Request&, sdk::Responder) noexcept override {}
    void stop() noexcept override { seen_->stopping = true; }

  private:
    sdk::Host& host_;
    std::shared_ptr<Observed> seen_;
};

// stop_all() must shut the scheduler down (a running task finishes, no queued one starts)
// before it destroys the services the tasks belong to. No library is loaded: the plugin is
// put in the loader's list by hand.
TEST(PluginLoaderTest, StopAllShutsTheSchedulerDownBeforeDestroyingServices) {
    const Config config;
    const Environment environment;
    const sdk::Settings settings;
    storage::StorageFactory storage(config);
    ServiceRegistry registry;
    TaskScheduler scheduler;
    const SystemClock clock;
    HostServices services{config,  environment, settings,  {},   spdlog::level::off,
                          storage, registry,    scheduler, clock};
    spdlog::logger log("test");
    PluginLoader loader(services, log);

    auto seen = std::make_shared<Observed>();
    LoadedPlugin plugin;
    plugin.name = "fake";
    plugin.enabled = true;
    plugin.host = std::make_unique<PluginHost>(services, plugin.name);
    auto service = std::make_unique<PostingService>(*plugin.host, seen);
    auto* posting = service.get();
    plugin.service = std::move(service);
    loader.plugins().push_back(std::move(plugin));

    std::promise<void> running;
    posting->start_work(running);
    ASSERT_EQ(running.get_future().wait_for(10s), std::future_status::ready);

    loader.stop_all();
    EXPECT_TRUE(seen->destroyed);
    scheduler.shutdown();  // before the fix, the tasks were still going: let them finish
    EXPECT_EQ(seen->ran_on_destroyed, 0);
}

}  // namespace
}  // namespace floci::host
