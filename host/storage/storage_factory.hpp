#pragma once
// Opens each service's store in the mode the configuration gives it. One store per service,
// created on first use and owned here, so the host can flush them all at shutdown.
#include <floci/sdk/storage.hpp>
#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"

namespace floci::host::storage {

class StorageFactory {
  public:
    explicit StorageFactory(const Config& config) : config_(config) {}

    // Throws ConfigError for a mode this build cannot provide: never falls back to memory.
    sdk::KvStore& store_for(const std::string& service);

    // Throws ConfigError if any configured mode is unsupported (checked before start-up).
    static void check_supported(const Config& config);

    // Makes every store durable before exit (a no-op for memory).
    void flush_all();

  private:
    const Config& config_;
    std::map<std::string, std::unique_ptr<sdk::KvStore>> stores_;
};

}  // namespace floci::host::storage
