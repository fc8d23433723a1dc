#include "http/router.hpp"

#include <algorithm>

#include "http/credential_scope.hpp"

namespace floci::host {

Router::Router(std::vector<LoadedPlugin>& plugins, std::string default_region,
               std::string default_account_id)
    : default_region_(std::move(default_region)),
      default_account_id_(std::move(default_account_id)) {
    for (auto& plugin : plugins) {
        plugins_.push_back(&plugin);
        for (const auto& prefix : plugin.target_prefixes) prefixes_.push_back({prefix, &plugin});
        if ((plugin.flags & sdk::kRestFallback) && !rest_fallback_) rest_fallback_ = &plugin;
    }
    std::sort(prefixes_.begin(), prefixes_.end(),
              [](const Prefix& a, const Prefix& b) { return a.text.size() > b.text.size(); });
}

LoadedPlugin* Router::by_signing_name(std::string_view service) const {
    for (auto* plugin : plugins_) {
        for (const auto& name : plugin->signing_names)
            if (name == service) return plugin;
    }
    return nullptr;
}

std::variant<Route, RouteError> Router::finish(Route route) const {
    if (!route.plugin->service) {
        return RouteError{
            400, "ServiceNotAvailableException",
            "Service " + route.plugin->name + " is not enabled (FLOCI_SERVICES_<NAME>_ENABLED)",
            route.plugin};
    }
    return route;
}

std::variant<Route, RouteError> Router::route(const RouteInput& input) const {
    Route route;
    auto scope = parse_authorization(input.authorization);
    if (!scope) scope = parse_presigned(input.target);
    route.region = scope ? scope->region : std::string_view(default_region_);
    route.account_id = scope ? account_from_access_key(scope->access_key) : std::string_view{};
    if (route.account_id.empty()) route.account_id = default_account_id_;

    if (!input.amz_target.empty()) {
        for (const auto& prefix : prefixes_) {
            if (input.amz_target.starts_with(prefix.text)) {
                route.plugin = prefix.plugin;
                route.target_prefix = prefix.text;
                route.action = input.amz_target.substr(prefix.text.size());
                return finish(route);
            }
        }
        return RouteError{400, "UnknownOperationException",
                          "Unknown operation " + std::string(input.amz_target)};
    }
    if (scope) {
        if (auto* plugin = by_signing_name(scope->service)) {
            route.plugin = plugin;
            if (plugin->protocol == sdk::Protocol::json) {
                return RouteError{400, "UnknownOperationException", "Missing X-Amz-Target header",
                                  plugin};
            }
            return finish(route);
        }
        return RouteError{
            400, "UnknownOperationException",
            "No service is loaded for credential scope " + std::string(scope->service)};
    }
    if (rest_fallback_) {
        route.plugin = rest_fallback_;
        return finish(route);
    }
    return RouteError{400, "UnknownOperationException",
                      "No service is loaded that can answer this request"};
}

}  // namespace floci::host
