#include "http/host_responses.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace floci::host {
namespace {

constexpr std::string_view kVersion = "0.1.0";

// Headers an AWS SDK in a browser must be able to read back.
constexpr std::string_view kDefaultExposeHeaders =
    "x-amzn-RequestId,x-amz-request-id,x-amz-id-2,X-Amz-Crc32,ETag,Content-Length,"
    "x-amz-version-id,x-amz-delete-marker";
constexpr std::string_view kDefaultAllowHeaders =
    "authorization,content-type,content-md5,cache-control,x-amz-content-sha256,x-amz-date,"
    "x-amz-security-token,x-amz-user-agent,x-amz-target,x-amz-acl,x-amz-version-id,"
    "x-amzn-requestid,x-amz-checksum-crc32,amz-sdk-invocation-id,amz-sdk-request";

}  // namespace

std::string json_error_body(std::string_view error_namespace, std::string_view type,
                            std::string_view message) {
    boost::json::object body;
    body["__type"] = std::string(error_namespace) + std::string(type);
    body["message"] = message;
    return boost::json::serialize(body);
}

std::string health_body(const std::vector<LoadedPlugin>& plugins) {
    boost::json::object services;
    for (const auto& plugin : plugins)
        services[plugin.name] = plugin.service ? "running" : plugin.failed ? "error" : "available";
    boost::json::object body;
    body["services"] = std::move(services);
    body["edition"] = "floci-cpp";
    body["version"] = kVersion;
    return boost::json::serialize(body);
}

bool is_health_path(std::string_view target) noexcept {
    target = target.substr(0, target.find('?'));
    return target == "/_floci/health" || target == "/_localstack/health" || target == "/health";
}

std::vector<std::pair<std::string, std::string>> cors_headers(const CorsConfig& cors,
                                                              std::string_view origin,
                                                              std::string_view requested_headers,
                                                              bool preflight) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!cors.enabled() || origin.empty()) return out;
    bool any = false, listed = false;
    for (const auto& allowed : cors.allowed_origins) {
        any = any || allowed == "*";
        listed = listed || allowed == origin;
    }
    if (!any && !listed) return out;
    out.emplace_back("Access-Control-Allow-Origin", any ? "*" : std::string(origin));
    if (!any) out.emplace_back("Vary", "Origin");
    out.emplace_back("Access-Control-Expose-Headers", cors.expose_headers.empty()
                                                          ? std::string(kDefaultExposeHeaders)
                                                          : cors.expose_headers);
    if (preflight) {
        out.emplace_back("Access-Control-Allow-Methods",
                         "GET, PUT, POST, DELETE, HEAD, OPTIONS, PATCH");
        // Unset or "*": allow what the browser asks for (CORS itself is opt-in).
        std::string headers = cors.allowed_headers;
        if (headers.empty() || headers == "*") {
            headers = requested_headers.empty() ? std::string(kDefaultAllowHeaders)
                                                : std::string(requested_headers);
        }
        out.emplace_back("Access-Control-Allow-Headers", std::move(headers));
        out.emplace_back("Access-Control-Max-Age", "86400");
    }
    return out;
}

}  // namespace floci::host
