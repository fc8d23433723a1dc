#pragma once
// Loads every libfloci_*.so in the plugin folder with Boost.DLL, checks its descriptor, creates
// its service and starts it. A plugin that fails any step is skipped with one log line; the
// host never crashes for a bad plugin. Teardown destroys every plugin object, in reverse load
// order, before any library is unloaded (boost.dll's missuses: no object may outlive its code).
#include <spdlog/logger.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <floci/sdk/abi.hpp>
#include <memory>
#include <string>
#include <vector>

#include "plugins/plugin_host.hpp"

namespace floci::host {

// One loaded plugin, as the router and the health check see it.
struct LoadedPlugin {
    std::string name;
    std::vector<std::string> target_prefixes;
    std::vector<std::string> signing_names;
    sdk::Protocol protocol = sdk::Protocol::json;
    std::string error_namespace;
    std::uint32_t flags = 0;
    bool enabled = false;              // false: FLOCI_SERVICES_<NAME>_ENABLED=false, never created
    bool failed = false;               // create() or start() failed: not served
    std::unique_ptr<PluginHost> host;  // set when enabled
    std::unique_ptr<sdk::Service> service;  // set when enabled and started
};

class PluginLoader {
  public:
    PluginLoader(HostServices& services, spdlog::logger& log) : services_(services), log_(log) {}
    ~PluginLoader();

    // Loads and creates every plugin in `folder` (sorted by file name), then starts them.
    void load_all(const std::filesystem::path& folder);
    // Stops every service (reverse order) and cancels its tasks, clears the registry, shuts the
    // host's scheduler down (no task runs afterwards), then destroys the services. Only the
    // first call does anything.
    void stop_all();

    std::vector<LoadedPlugin>& plugins() { return plugins_; }
    const std::vector<LoadedPlugin>& plugins() const { return plugins_; }

  private:
    void load_one(const std::filesystem::path& file);
    void start_all();

    HostServices& services_;
    spdlog::logger& log_;
    // Declared before plugins_: members are destroyed in reverse, so libraries go last.
    std::vector<boost::dll::shared_library> libraries_;
    std::vector<LoadedPlugin> plugins_;
    bool stopped_ = false;
};

}  // namespace floci::host
