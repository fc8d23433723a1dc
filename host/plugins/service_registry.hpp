#pragma once
// The host's sdk::Registry: interface pointers by "name/major". Entries are cleared before any
// plugin object is destroyed, so no consumer can reach a dead provider.
#include <floci/sdk/registry.hpp>
#include <map>
#include <mutex>
#include <string>

namespace floci::host {

class ServiceRegistry final : public sdk::Registry {
  public:
    void provide(std::string_view name, void* interface) override {
        std::lock_guard lock(mutex_);
        entries_[std::string(name)] = interface;
    }
    void* find_raw(std::string_view name) const override {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(name);
        return it == entries_.end() ? nullptr : it->second;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        entries_.clear();
    }

  private:
    mutable std::mutex mutex_;
    std::map<std::string, void*, std::less<>> entries_;
};

}  // namespace floci::host
