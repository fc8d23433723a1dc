#include "storage/storage_factory.hpp"

#include "storage/durable_store.hpp"
#include "storage/memory_store.hpp"

namespace floci::host::storage {

StorageFactory::StorageFactory(const Config& config, std::shared_ptr<spdlog::logger> log)
    : config_(config), log_(std::move(log)) {
    if (!log_) log_ = std::make_shared<spdlog::logger>("storage");
}

StorageFactory::~StorageFactory() { flush_all(); }

void StorageFactory::check_supported(const Config&) {
    // Every StorageMode is implemented; kept so that a future mode can be refused up front.
}

sdk::KvStore& StorageFactory::store_for(const std::string& service) {
    auto& slot = stores_[service];
    if (slot) return *slot;
    const ServiceStorageConfig storage = config_.storage_for(service);
    if (storage.mode == sdk::StorageMode::memory) {
        slot = std::make_unique<MemoryStore>();
        return *slot;
    }
    DurableOptions options;
    options.mode = storage.mode;
    options.dir = std::filesystem::path(config_.storage_path) / service;
    options.service = service;
    options.flush_interval_ms = storage.flush_interval_ms;
    options.compaction_interval_ms = config_.wal_compaction_interval_ms;
    options.log = log_;
    auto store = DurableStore::open(std::move(options));
    if (!store) {
        stores_.erase(service);
        throw StorageError("storage for " + service + ": " + store.error().message());
    }
    slot = std::move(store.value());
    return *slot;
}

void StorageFactory::flush_all() {
    for (auto& [service, store] : stores_) {
        if (auto* durable = dynamic_cast<DurableStore*>(store.get())) durable->close();
    }
}

}  // namespace floci::host::storage
