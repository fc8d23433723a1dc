#pragma once
// The host's sdk::Registry: interface pointers by "name/major". Entries are cleared before any
// plugin object is destroyed, so no consumer can reach a dead provider.
#include <floci/sdk/registry.hpp>
#include <map>
#include <mutex>
#include <string>
#include <vector>

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
    void withdraw(std::string_view name) {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(name); it != entries_.end()) entries_.erase(it);
    }
    void clear() {
        std::lock_guard lock(mutex_);
        entries_.clear();
    }

  private:
    mutable std::mutex mutex_;
    std::map<std::string, void*, std::less<>> entries_;
};

// The registry one plugin sees: it remembers what the plugin provided, so a plugin that fails
// to start can be withdrawn without leaving pointers into an object about to be destroyed.
class PluginRegistry final : public sdk::Registry {
  public:
    explicit PluginRegistry(ServiceRegistry& shared) : shared_(shared) {}
    void provide(std::string_view name, void* interface) override {
        shared_.provide(name, interface);
        std::lock_guard lock(mutex_);
        provided_.emplace_back(name);
    }
    void* find_raw(std::string_view name) const override { return shared_.find_raw(name); }
    void withdraw_all() {
        std::lock_guard lock(mutex_);
        for (const auto& name : provided_) shared_.withdraw(name);
        provided_.clear();
    }

  private:
    ServiceRegistry& shared_;
    std::mutex mutex_;
    std::vector<std::string> provided_;
};

}  // namespace floci::host
