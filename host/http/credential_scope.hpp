#pragma once
// The SigV4 credential scope of a request:
// `Credential=<key>/<date>/<region>/<service>/aws4_request` in the Authorization header (or
// X-Amz-Credential in a presigned URL's query). The emulator checks no signatures; it only reads
// who (account) and where (region, service).
#include <optional>
#include <string_view>

namespace floci::host {

struct CredentialScope {
    std::string_view access_key;
    std::string_view region;
    std::string_view service;
};

// From an `AWS4-HMAC-SHA256 Credential=...` Authorization header value.
std::optional<CredentialScope> parse_authorization(std::string_view authorization) noexcept;
// From the request target's X-Amz-Credential query parameter (percent-encoded slashes).
std::optional<CredentialScope> parse_presigned(std::string_view target) noexcept;

// A 12-digit access key id names the account (as LocalStack and Floci do); else empty.
std::string_view account_from_access_key(std::string_view access_key) noexcept;

}  // namespace floci::host
