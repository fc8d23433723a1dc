#pragma once
// The host's life cycle: config -> storage -> plugins -> server -> wait for a signal -> drain
// -> stop plugins -> stop the scheduler -> destroy plugin objects -> flush storage. Members are
// declared in dependency order, so they are destroyed in reverse: the scheduler (and the plugin
// tasks still queued in it) before the plugin libraries unload.
#include <spdlog/logger.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/service_registry.hpp"
#include "plugins/task_scheduler.hpp"
#include "storage/storage_factory.hpp"

namespace floci::host {

class App {
  public:
    App(Config config, Environment environment, std::shared_ptr<spdlog::logger> log);
    ~App();
    // Runs until SIGINT or SIGTERM; returns the process exit code.
    int run(const std::filesystem::path& plugin_dir);

  private:
    void log_startup(std::uint16_t port, std::chrono::steady_clock::duration took) const;

    Config config_;
    Environment environment_;
    std::shared_ptr<spdlog::logger> log_;
    sdk::Settings settings_;
    SystemClock clock_;
    storage::StorageFactory storage_;
    ServiceRegistry registry_;
    std::optional<HostServices> services_;
    std::optional<PluginLoader> loader_;
    TaskScheduler scheduler_;  // after loader_: its queued plugin tasks go before plugins unload
};

}  // namespace floci::host
