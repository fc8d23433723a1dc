#include "plugins/plugin_host.hpp"

#include <spdlog/logger.h>

namespace floci::host {

std::optional<std::string> PluginHost::env(std::string_view name) const {
    auto it = services_.environment.find(std::string(name));
    if (it == services_.environment.end()) return std::nullopt;
    return it->second;
}

std::shared_ptr<spdlog::logger> PluginHost::logger(std::string_view component) {
    // Not registered in spdlog's global registry: registries do not mix well across dlopen.
    std::string name = component.empty() ? service_ : service_ + "." + std::string(component);
    auto log = std::make_shared<spdlog::logger>(std::move(name), services_.sinks.begin(),
                                                services_.sinks.end());
    log->set_level(services_.level);
    return log;
}

}  // namespace floci::host
