#pragma once
// What the host offers a plugin. Each plugin gets its own Host, bound to its service name:
// storage() is that service's store, already opened in its configured durability mode.
#include <spdlog/logger.h>

#include <boost/config.hpp>
#include <cstddef>
#include <cstdint>
#include <floci/sdk/registry.hpp>
#include <floci/sdk/scheduler.hpp>
#include <floci/sdk/storage.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace floci::sdk {

// The host's settings that plugins need (see the README's configuration table).
struct Settings {
    std::string hostname;            // FLOCI_HOSTNAME: host name in URLs handed out
    std::string base_url;            // FLOCI_BASE_URL
    std::string default_region;      // FLOCI_DEFAULT_REGION
    std::string default_account_id;  // FLOCI_DEFAULT_ACCOUNT_ID
    std::uint16_t port = 0;          // the bound port
    std::size_t max_request_bytes = 0;
};

class BOOST_SYMBOL_VISIBLE Host {
  public:
    virtual const Settings& settings() const noexcept = 0;
    // A variable of the environment the host started with (plugin-specific FLOCI_* options).
    virtual std::optional<std::string> env(std::string_view name) const = 0;
    // A logger named "<service>.<component>" writing to the host's sinks at the host's level.
    virtual std::shared_ptr<spdlog::logger> logger(std::string_view component) = 0;
    virtual KvStore& storage() = 0;
    virtual Registry& registry() = 0;
    virtual Scheduler& scheduler() = 0;
    virtual const Clock& clock() const noexcept = 0;

  protected:
    ~Host() = default;
};

}  // namespace floci::sdk
