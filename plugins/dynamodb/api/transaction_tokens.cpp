#include "api/transaction_tokens.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <floci/sdk/aws_error.hpp>

namespace floci::dynamodb::api {

TransactionToken::TransactionToken(std::string_view account, std::string_view region,
                                   std::string_view token, const boost::json::object& request,
                                   std::chrono::system_clock::time_point now) {
    key_.append(account).push_back('\0');
    key_.append(region).push_back('\0');
    key_.append(token);
    boost::json::object rest = request;
    rest.erase("ClientRequestToken");
    // ReturnConsumedCapacity only shapes the answer (API reference: "the responses to the
    // calls might not be the same"), so it does not make a request different.
    rest.erase("ReturnConsumedCapacity");
    fingerprint_ = boost::json::serialize(rest);
    now_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
}

std::optional<std::string> TransactionToken::replay(const sdk::ReadView& kv) const {
    if (!kv.has_space(kTokensSpace)) return std::nullopt;
    auto stored = kv.get_copy(kTokensSpace, key_);
    if (!stored) return std::nullopt;
    boost::system::error_code ec;
    auto record = boost::json::parse(*stored, ec);
    if (ec || !record.is_object()) return std::nullopt;
    const auto& object = record.as_object();
    const auto* expires = object.if_contains("expires");
    if (!expires || !expires->is_int64() || expires->as_int64() <= now_ms_) return std::nullopt;
    const auto* fingerprint = object.if_contains("request");
    const auto* reply = object.if_contains("reply");
    if (!fingerprint || !fingerprint->is_string() || !reply || !reply->is_string())
        return std::nullopt;
    if (fingerprint->as_string() != fingerprint_)
        throw sdk::AwsError("IdempotentParameterMismatchException",
                            "Request parameters do not match the original request for the "
                            "provided ClientRequestToken");
    return std::string(reply->as_string());
}

void TransactionToken::record(const sdk::ReadView& kv, sdk::WriteBatch& batch,
                              std::string_view reply) const {
    if (!kv.has_space(kTokensSpace)) batch.create_space(kTokensSpace);
    boost::json::object record;
    record["request"] = fingerprint_;
    record["reply"] = reply;
    record["expires"] =
        now_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(kTokenLifetime).count();
    batch.put(kTokensSpace, key_, boost::json::serialize(record));
}

std::mutex& TransactionToken::mutex() {
    static std::mutex token_mutex;
    return token_mutex;
}

}  // namespace floci::dynamodb::api
