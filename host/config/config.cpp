#include "config/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

extern char** environ;

namespace floci::host {
namespace {

constexpr std::string_view kServicesPrefix = "FLOCI_SERVICES_";
constexpr std::string_view kEnabledSuffix = "_ENABLED";
constexpr std::string_view kStoragePrefix = "FLOCI_STORAGE_SERVICES_";
constexpr std::string_view kModeSuffix = "_MODE";
constexpr std::string_view kFlushSuffix = "_FLUSH_INTERVAL_MS";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

[[noreturn]] void bad_value(std::string_view name, std::string_view value, std::string_view why) {
    throw ConfigError(std::string(name) + "=" + std::string(value) + ": " + std::string(why));
}

template <class Int>
Int parse_int(std::string_view name, std::string_view value, Int min, Int max) {
    long long parsed = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) {
        bad_value(name, value, "not an integer");
    }
    if (parsed < static_cast<long long>(min) || parsed > static_cast<long long>(max)) {
        bad_value(name, value, "out of range " + std::to_string(min) + ".." + std::to_string(max));
    }
    return static_cast<Int>(parsed);
}

bool parse_bool(std::string_view name, std::string_view value) {
    const std::string v = lower(value);
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    bad_value(name, value, "expected true or false");
}

sdk::StorageMode parse_mode(std::string_view name, std::string_view value) {
    const std::string v = lower(value);
    for (auto mode : {sdk::StorageMode::memory, sdk::StorageMode::persistent,
                      sdk::StorageMode::hybrid, sdk::StorageMode::wal}) {
        if (v == sdk::to_string(mode)) return mode;
    }
    bad_value(name, value, "expected memory, persistent, hybrid or wal");
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front())))
            item.remove_prefix(1);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back())))
            item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

std::string parse_log_level(std::string_view name, std::string_view value) {
    std::string v = lower(value);
    if (v == "warning") v = "warn";
    if (v == "fatal") v = "critical";
    for (std::string_view level : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
        if (v == level) return v;
    }
    bad_value(name, value, "expected trace, debug, info, warn, error, critical or off");
}

void require_non_empty(std::string_view name, std::string_view value) {
    if (value.empty()) bad_value(name, value, "must not be empty");
}

// FLOCI_SERVICES_<NAME>_ENABLED and FLOCI_STORAGE_SERVICES_<SVC>_{MODE,FLUSH_INTERVAL_MS}.
void apply_service_variable(Config& config, std::string_view name, std::string_view value) {
    auto ends_with = [&](std::string_view suffix) { return name.ends_with(suffix); };
    if (name.starts_with(kStoragePrefix)) {
        std::string_view rest = name.substr(kStoragePrefix.size());
        if (ends_with(kFlushSuffix)) {
            auto service = lower(rest.substr(0, rest.size() - kFlushSuffix.size()));
            config.service_storage[service].flush_interval_ms =
                parse_int<std::uint32_t>(name, value, 1, 86'400'000);
        } else if (ends_with(kModeSuffix)) {
            auto service = lower(rest.substr(0, rest.size() - kModeSuffix.size()));
            config.service_storage[service].mode = parse_mode(name, value);
        }
    } else if (name.starts_with(kServicesPrefix) && ends_with(kEnabledSuffix)) {
        std::string_view rest = name.substr(kServicesPrefix.size());
        auto service = lower(rest.substr(0, rest.size() - kEnabledSuffix.size()));
        config.service_enabled[service] = parse_bool(name, value);
    }
}

}  // namespace

bool Config::is_enabled(const std::string& service) const {
    auto it = service_enabled.find(service);
    return it == service_enabled.end() || it->second;
}

ServiceStorageConfig Config::storage_for(const std::string& service) const {
    ServiceStorageConfig out{storage_mode, default_flush_interval_ms};
    if (auto it = service_storage.find(service); it != service_storage.end()) {
        out.mode = it->second.mode.value_or(out.mode);
        out.flush_interval_ms = it->second.flush_interval_ms.value_or(out.flush_interval_ms);
    }
    return out;
}

Environment floci_environment() {
    Environment env;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text(*entry);
        if (!text.starts_with("FLOCI_")) continue;
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
    }
    return env;
}

Config load_config(const Environment& env, unsigned hardware_threads) {
    Config config;
    config.threads = std::max(1u, hardware_threads);
    for (const auto& [name, value] : env) {
        if (name == "FLOCI_PORT") {
            config.port = parse_int<std::uint16_t>(name, value, 0, 65535);
        } else if (name == "FLOCI_BIND_ADDRESS") {
            require_non_empty(name, value);
            config.bind_address = value;
        } else if (name == "FLOCI_THREADS") {
            config.threads = parse_int<unsigned>(name, value, 1, 1024);
        } else if (name == "FLOCI_HOSTNAME") {
            require_non_empty(name, value);
            config.hostname = value;
        } else if (name == "FLOCI_BASE_URL") {
            if (!value.starts_with("http://") && !value.starts_with("https://"))
                bad_value(name, value, "expected an http:// or https:// URL");
            config.base_url = value;
        } else if (name == "FLOCI_DEFAULT_REGION") {
            require_non_empty(name, value);
            config.default_region = value;
        } else if (name == "FLOCI_DEFAULT_ACCOUNT_ID") {
            if (value.size() != 12 || !std::all_of(value.begin(), value.end(), ::isdigit))
                bad_value(name, value, "expected a 12-digit account id");
            config.default_account_id = value;
        } else if (name == "FLOCI_MAX_REQUEST_SIZE") {
            config.max_request_bytes = parse_int<std::size_t>(name, value, 1, 4096) << 20;
        } else if (name == "FLOCI_LOG_LEVEL") {
            config.log_level = parse_log_level(name, value);
        } else if (name == "FLOCI_PLUGIN_DIR") {
            require_non_empty(name, value);
            config.plugin_dir = value;
        } else if (name == "FLOCI_STORAGE_MODE") {
            config.storage_mode = parse_mode(name, value);
        } else if (name == "FLOCI_STORAGE_PERSISTENT_PATH") {
            require_non_empty(name, value);
            config.storage_path = value;
        } else if (name == "FLOCI_STORAGE_WAL_COMPACTION_INTERVAL_MS") {
            config.wal_compaction_interval_ms =
                parse_int<std::uint32_t>(name, value, 1, 86'400'000);
        } else if (name == "FLOCI_CORS_ALLOWED_ORIGINS") {
            config.cors.allowed_origins = split_list(value);
        } else if (name == "FLOCI_CORS_ALLOWED_HEADERS") {
            config.cors.allowed_headers = value;
        } else if (name == "FLOCI_CORS_EXPOSE_HEADERS") {
            config.cors.expose_headers = value;
        } else {
            apply_service_variable(config, name, value);
        }
    }
    return config;
}

}  // namespace floci::host
