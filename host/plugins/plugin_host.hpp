#pragma once
// The sdk::Host a plugin gets: the host's shared services, bound to one service name.
#include <spdlog/sinks/sink.h>

#include <floci/sdk/host.hpp>

#include "config/config.hpp"
#include "plugins/service_registry.hpp"
#include "plugins/task_scheduler.hpp"
#include "storage/storage_factory.hpp"

namespace floci::host {

class SystemClock final : public sdk::Clock {
  public:
    std::chrono::system_clock::time_point now() const noexcept override {
        return std::chrono::system_clock::now();
    }
};

// What every PluginHost shares; owned by the application.
struct HostServices {
    const Config& config;
    const Environment& environment;
    const sdk::Settings& settings;
    std::vector<spdlog::sink_ptr> sinks;
    spdlog::level::level_enum level;
    storage::StorageFactory& storage;
    ServiceRegistry& registry;
    TaskScheduler& scheduler;
    const sdk::Clock& clock;
};

class PluginHost final : public sdk::Host {
  public:
    PluginHost(HostServices& services, std::string service)
        : services_(services),
          service_(std::move(service)),
          registry_(services.registry),
          scheduler_(services.scheduler) {}

    const sdk::Settings& settings() const noexcept override { return services_.settings; }
    std::optional<std::string> env(std::string_view name) const override;
    std::shared_ptr<spdlog::logger> logger(std::string_view component) override;
    sdk::KvStore& storage() override { return services_.storage.store_for(service_); }
    sdk::Registry& registry() override { return registry_; }
    sdk::Scheduler& scheduler() override { return scheduler_; }
    const sdk::Clock& clock() const noexcept override { return services_.clock; }

    PluginScheduler& plugin_scheduler() { return scheduler_; }
    PluginRegistry& plugin_registry() { return registry_; }

  private:
    HostServices& services_;
    std::string service_;
    PluginRegistry registry_;
    PluginScheduler scheduler_;
};

}  // namespace floci::host
