#include "storage/storage_factory.hpp"

#include "storage/memory_store.hpp"

namespace floci::host::storage {
namespace {

void require_supported(sdk::StorageMode mode, const std::string& variable) {
    if (mode == sdk::StorageMode::memory) return;
    throw ConfigError(variable + "=" + std::string(sdk::to_string(mode)) +
                      ": this build supports only the memory storage mode so far");
}

}  // namespace

void StorageFactory::check_supported(const Config& config) {
    require_supported(config.storage_mode, "FLOCI_STORAGE_MODE");
    for (const auto& [service, override_] : config.service_storage) {
        if (override_.mode) {
            std::string upper;
            for (char c : service) upper += static_cast<char>(std::toupper(c));
            require_supported(*override_.mode, "FLOCI_STORAGE_SERVICES_" + upper + "_MODE");
        }
    }
}

sdk::KvStore& StorageFactory::store_for(const std::string& service) {
    auto& slot = stores_[service];
    if (!slot) {
        require_supported(config_.storage_for(service).mode, "FLOCI_STORAGE_MODE");
        slot = std::make_unique<MemoryStore>();
    }
    return *slot;
}

void StorageFactory::flush_all() {}

}  // namespace floci::host::storage
