#pragma once
// The plugin ABI: each plugin exports one symbol, `floci_plugin_v1`, pointing at a PluginInfo.
// The host checks struct_size and the ABI version before it touches anything else, and skips a
// plugin whose major version differs or whose minor version is newer than its own.
//
// PluginInfo is append-only: never reorder or remove a field; a new field bumps kAbiMinor.
// Boost.DLL promises no C++ ABI stability, so a plugin must also be built with the same
// compiler, Boost and spdlog as the host; these numbers catch stale builds, not mismatches.
#include <boost/dll/alias.hpp>
#include <cstdint>
#include <floci/sdk/host.hpp>
#include <floci/sdk/service.hpp>
#include <memory>

namespace floci::sdk {

inline constexpr std::uint32_t kAbiMajor = 1;
inline constexpr std::uint32_t kAbiMinor = 0;

enum class Protocol : std::uint32_t {
    json = 0,      // POST with X-Amz-Target and a JSON body (DynamoDB)
    rest_xml = 1,  // REST paths and XML errors (S3)
};

enum PluginFlags : std::uint32_t {
    kNoFlags = 0,
    // Claims requests that no X-Amz-Target prefix or credential scope claimed (S3 does).
    kRestFallback = 1u << 0,
};

struct PluginInfo {
    std::uint32_t struct_size;  // sizeof(PluginInfo) as the plugin was built
    std::uint32_t abi_major;
    std::uint32_t abi_minor;
    const char* name;  // service name: "dynamodb"; FLOCI_SERVICES_<NAME>_ENABLED uses it
    // Comma-separated X-Amz-Target prefixes, each ending with '.': "DynamoDB_20120810."
    const char* target_prefixes;
    // Comma-separated SigV4 credential-scope service names: "dynamodb"
    const char* signing_names;
    Protocol protocol;
    // Prefix of `__type` in JSON errors: "com.amazonaws.dynamodb.v20120810#"
    const char* error_namespace;
    std::uint32_t flags;  // PluginFlags
    // Creates the service. Runs before any plugin starts: register exports here.
    std::unique_ptr<Service> (*create)(Host& host);
};

}  // namespace floci::sdk

// Exports `info` (a PluginInfo with static storage) as the plugin's entry point.
#define FLOCI_PLUGIN(info) BOOST_DLL_ALIAS(info, floci_plugin_v1)
