#include "http/credential_scope.hpp"

#include <algorithm>
#include <array>

namespace floci::host {
namespace {

// Splits "<key>/<date>/<region>/<service>/aws4_request" on `separator`.
std::optional<CredentialScope> parse_scope(std::string_view credential,
                                           std::string_view separator) noexcept {
    std::array<std::string_view, 5> parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto at = credential.find(separator);
        if (i + 1 < parts.size() && at == std::string_view::npos) return std::nullopt;
        parts[i] = credential.substr(0, at);
        credential = at == std::string_view::npos ? std::string_view{}
                                                  : credential.substr(at + separator.size());
    }
    if (parts[2].empty() || parts[3].empty()) return std::nullopt;
    return CredentialScope{parts[0], parts[2], parts[3]};
}

}  // namespace

std::optional<CredentialScope> parse_authorization(std::string_view authorization) noexcept {
    constexpr std::string_view kCredential = "Credential=";
    if (!authorization.starts_with("AWS4-")) return std::nullopt;
    const auto at = authorization.find(kCredential);
    if (at == std::string_view::npos) return std::nullopt;
    auto credential = authorization.substr(at + kCredential.size());
    // A plain loop: string_view::find_first_of calls memchr once per character.
    std::size_t end = 0;
    while (end < credential.size() && credential[end] != ',' && credential[end] != ' ') ++end;
    return parse_scope(credential.substr(0, end), "/");
}

std::optional<CredentialScope> parse_presigned(std::string_view target) noexcept {
    constexpr std::string_view kParam = "X-Amz-Credential=";
    const auto query = target.find('?');
    if (query == std::string_view::npos) return std::nullopt;
    auto at = target.find(kParam, query);
    if (at == std::string_view::npos) return std::nullopt;
    auto credential = target.substr(at + kParam.size());
    credential = credential.substr(0, credential.find('&'));
    if (credential.find("%2F") != std::string_view::npos) return parse_scope(credential, "%2F");
    return parse_scope(credential, "/");
}

std::string_view account_from_access_key(std::string_view access_key) noexcept {
    const bool digits =
        access_key.size() == 12 && std::all_of(access_key.begin(), access_key.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
    return digits ? access_key : std::string_view{};
}

}  // namespace floci::host
