#pragma once
// Answers the host gives itself: AWS-shaped JSON errors, the health document, CORS headers.
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "plugins/plugin_loader.hpp"

namespace floci::host {

// {"__type":"<namespace><type>","message":"..."}: the shape every AWS JSON client parses.
std::string json_error_body(std::string_view error_namespace, std::string_view type,
                            std::string_view message);

// {"services":{"dynamodb":"running","s3":"available"},"edition":"floci-cpp","version":"..."}
std::string health_body(const std::vector<LoadedPlugin>& plugins);

bool is_health_path(std::string_view target) noexcept;

// The CORS headers for a response to `origin`, or none when CORS is off or the origin is not
// allowed. Preflight answers add the allow-methods/-headers/max-age set.
std::vector<std::pair<std::string, std::string>> cors_headers(const CorsConfig& cors,
                                                              std::string_view origin,
                                                              std::string_view requested_headers,
                                                              bool preflight);

}  // namespace floci::host
