#pragma once
// Decides which service answers a request: the X-Amz-Target prefix (longest match) first, then
// the SigV4 credential scope's service, then the REST fallback (S3, path or virtual-host style).
// Also picks the region and account. Pure logic over header values, so it is unit-tested alone.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "plugins/plugin_loader.hpp"

namespace floci::host {

struct RouteInput {
    std::string_view amz_target;     // X-Amz-Target
    std::string_view authorization;  // Authorization
    std::string_view target;         // request target (path and query)
};

struct Route {
    LoadedPlugin* plugin = nullptr;
    std::string_view action;         // after the prefix; empty for REST services
    std::string_view target_prefix;  // the prefix that matched
    std::string_view region;
    std::string_view account_id;
};

// A request no service can take, rendered by the host (JSON, AWS error shape).
struct RouteError {
    unsigned status;
    std::string type;
    std::string message;
    const LoadedPlugin* plugin = nullptr;  // the service, when one was identified
};

class Router {
  public:
    Router(std::vector<LoadedPlugin>& plugins, std::string default_region,
           std::string default_account_id);

    std::variant<Route, RouteError> route(const RouteInput& input) const;

  private:
    struct Prefix {
        std::string text;
        LoadedPlugin* plugin;
    };
    LoadedPlugin* by_signing_name(std::string_view service) const;
    std::variant<Route, RouteError> finish(Route route) const;

    std::vector<Prefix> prefixes_;  // longest first
    std::vector<LoadedPlugin*> plugins_;
    LoadedPlugin* rest_fallback_ = nullptr;
    std::string default_region_;
    std::string default_account_id_;
};

}  // namespace floci::host
