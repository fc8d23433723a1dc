#pragma once
// Opens each service's store in the mode the configuration gives it. One store per service,
// created on first use and owned here, so the host can flush them all at shutdown. A durable
// store lives in its own folder, <FLOCI_STORAGE_PERSISTENT_PATH>/<service>/.
#include <spdlog/logger.h>

#include <floci/sdk/storage.hpp>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "config/config.hpp"

namespace floci::host::storage {

// A store that cannot be opened (its folder is locked by another process, a file is damaged):
// start-up stops with this message rather than run on an empty store.
struct StorageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class StorageFactory {
  public:
    explicit StorageFactory(const Config& config, std::shared_ptr<spdlog::logger> log = nullptr);
    ~StorageFactory();

    // Opens (recovering it) on the first call for a service; throws StorageError on failure.
    sdk::KvStore& store_for(const std::string& service);

    // Throws ConfigError if any configured mode is unsupported (checked before start-up).
    static void check_supported(const Config& config);

    // Makes every store durable before exit (a no-op for memory): runs every pending commit
    // callback, so call it after the plugins stopped and before they unload.
    void flush_all();

  private:
    const Config& config_;
    std::shared_ptr<spdlog::logger> log_;
    std::map<std::string, std::unique_ptr<sdk::KvStore>> stores_;
};

}  // namespace floci::host::storage
