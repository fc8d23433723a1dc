#pragma once
// The host's configuration: read once from FLOCI_* environment variables into one immutable
// struct. A bad value stops start-up with a ConfigError that names the variable; nothing is
// ever silently replaced by a default.
#include <cstddef>
#include <cstdint>
#include <floci/sdk/storage.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace floci::host {

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ServiceStorageConfig {
    sdk::StorageMode mode = sdk::StorageMode::memory;
    std::uint32_t flush_interval_ms = 5000;
};

// What FLOCI_STORAGE_SERVICES_<SVC>_* set for one service; unset fields follow the globals.
struct ServiceStorageOverride {
    std::optional<sdk::StorageMode> mode;
    std::optional<std::uint32_t> flush_interval_ms;
};

struct CorsConfig {
    std::vector<std::string> allowed_origins;  // empty: CORS off; "*" allows any origin
    std::string allowed_headers;               // "*" echoes what the preflight asks for
    std::string expose_headers;
    bool enabled() const { return !allowed_origins.empty(); }
};

struct Config {
    std::uint16_t port = 4566;  // 0: bind any free port (tests), logged at start-up
    std::string bind_address = "127.0.0.1";
    unsigned threads = 1;
    std::string hostname = "localhost";
    std::string base_url = "http://localhost:4566";
    std::string default_region = "us-east-1";
    std::string default_account_id = "000000000000";
    std::size_t max_request_bytes = std::size_t{512} << 20;
    std::string log_level = "info";
    std::string plugin_dir;                       // empty: `plugins` next to the executable
    std::map<std::string, bool> service_enabled;  // lower-case service name -> enabled

    sdk::StorageMode storage_mode = sdk::StorageMode::memory;
    std::string storage_path = "./data";
    std::uint32_t default_flush_interval_ms = 5000;
    std::uint32_t wal_compaction_interval_ms = 30000;
    std::map<std::string, ServiceStorageOverride> service_storage;  // lower-case service name

    CorsConfig cors;

    // Services are enabled unless FLOCI_SERVICES_<NAME>_ENABLED says otherwise.
    bool is_enabled(const std::string& service) const;
    ServiceStorageConfig storage_for(const std::string& service) const;
};

using Environment = std::map<std::string, std::string>;

// The process environment as a map (only FLOCI_* variables are kept).
Environment floci_environment();

// Builds the Config; throws ConfigError naming the variable on any bad value.
Config load_config(const Environment& env, unsigned hardware_threads);

}  // namespace floci::host
