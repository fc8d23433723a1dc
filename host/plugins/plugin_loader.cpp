#include "plugins/plugin_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <boost/dll/import.hpp>

namespace floci::host {
namespace {

// The fields the host reads end at `create`: a plugin built against an older, smaller
// descriptor is refused rather than read past its end.
constexpr std::size_t kRequiredInfoSize = offsetof(sdk::PluginInfo, create) + sizeof(void*);

std::vector<std::string> split_commas(const char* text) {
    std::vector<std::string> out;
    std::string_view rest = text ? text : "";
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (auto part = rest.substr(0, comma); !part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

// Why a descriptor is unusable, or empty when it is fine.
std::string check_descriptor(const sdk::PluginInfo& info) {
    if (info.struct_size < kRequiredInfoSize)
        return "descriptor too small (" + std::to_string(info.struct_size) + " bytes)";
    if (info.abi_major != sdk::kAbiMajor)
        return "ABI major version " + std::to_string(info.abi_major) + ", host has " +
               std::to_string(sdk::kAbiMajor);
    if (info.abi_minor > sdk::kAbiMinor)
        return "ABI minor version " + std::to_string(info.abi_minor) +
               " is newer than the host's " + std::to_string(sdk::kAbiMinor);
    if (!info.name || !*info.name) return "descriptor has no service name";
    if (!info.create) return "descriptor has no create function";
    return {};
}

// Boost.DLL reports only an errno; dlerror() names the missing symbol or file.
std::string load_failure_reason(const std::filesystem::path& file) {
    if (void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL)) {
        ::dlclose(handle);
        return "unknown error";
    }
    const char* reason = ::dlerror();
    return reason ? reason : "unknown error";
}

}  // namespace

PluginLoader::~PluginLoader() { stop_all(); }

void PluginLoader::load_all(const std::filesystem::path& folder) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("libfloci_") && name.ends_with(".so")) files.push_back(entry.path());
    }
    if (ec) log_.warn("plugin folder {}: {}", folder.string(), ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) load_one(file);
    start_all();
}

void PluginLoader::load_one(const std::filesystem::path& file) {
    boost::dll::shared_library library;
    boost::system::error_code ec;
    // rtld_now: a missing symbol fails here, not at the first call into the plugin.
    library.load(file, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (ec) {
        log_.error("plugin {} skipped: cannot load: {}", file.filename().string(),
                   load_failure_reason(file));
        return;
    }
    if (!library.has("floci_plugin_v1")) {
        log_.error("plugin {} skipped: no floci_plugin_v1 symbol", file.filename().string());
        return;
    }
    const auto& info = library.get_alias<const sdk::PluginInfo>("floci_plugin_v1");
    if (auto why = check_descriptor(info); !why.empty()) {
        log_.error("plugin {} skipped: {}", file.filename().string(), why);
        return;
    }
    if (std::any_of(plugins_.begin(), plugins_.end(),
                    [&](const LoadedPlugin& p) { return p.name == info.name; })) {
        log_.error("plugin {} skipped: service {} is already loaded", file.filename().string(),
                   info.name);
        return;
    }

    LoadedPlugin plugin;
    plugin.name = info.name;
    plugin.target_prefixes = split_commas(info.target_prefixes);
    plugin.signing_names = split_commas(info.signing_names);
    plugin.protocol = info.protocol;
    plugin.error_namespace = info.error_namespace ? info.error_namespace : "";
    plugin.flags = info.flags;
    plugin.enabled = services_.config.is_enabled(plugin.name);
    if (plugin.enabled) {
        // Open (and recover) the service's store now, outside the plugin's code: a store that
        // cannot open throws StorageError, which must stop start-up rather than skip a plugin
        // or cross the plugin boundary.
        services_.storage.store_for(plugin.name);
        plugin.host = std::make_unique<PluginHost>(services_, plugin.name);
        try {
            plugin.service = info.create(*plugin.host);
        } catch (const std::exception& e) {
            log_.error("plugin {} skipped: create failed: {}", plugin.name, e.what());
            plugin.host->plugin_registry().withdraw_all();
            return;
        }
        if (!plugin.service) {
            log_.error("plugin {} skipped: create returned nothing", plugin.name);
            plugin.host->plugin_registry().withdraw_all();
            return;
        }
    }
    libraries_.push_back(std::move(library));
    plugins_.push_back(std::move(plugin));
}

void PluginLoader::start_all() {
    for (auto& plugin : plugins_) {
        if (!plugin.service) continue;
        sdk::Status status;
        try {
            status = plugin.service->start();
        } catch (const std::exception& e) {
            status = sdk::AwsError::internal(e.what());
        }
        if (!status) {
            log_.error("plugin {} skipped: start failed: {}", plugin.name,
                       status.error().message());
            plugin.service->stop();
            plugin.host->plugin_scheduler().cancel_all();
            plugin.host->plugin_registry().withdraw_all();
            plugin.service.reset();
            plugin.failed = true;
        }
    }
}

void PluginLoader::stop_all() {
    // Only once: the destructor calls it again, and the scheduler may be gone by then (App
    // destroys its scheduler before its loader).
    if (stopped_) return;
    stopped_ = true;
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
        if (!it->service) continue;
        it->service->stop();
        it->host->plugin_scheduler().cancel_all();
    }
    services_.registry.clear();
    // Before any service is destroyed: a task still running finishes and none starts after
    // (post()ed tasks cannot be cancelled, and a task may outlive its cancel_all()).
    services_.scheduler.shutdown();
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) it->service.reset();
}

}  // namespace floci::host
