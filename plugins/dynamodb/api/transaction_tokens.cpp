#include "api/transaction_tokens.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <floci/sdk/aws_error.hpp>

namespace floci::dynamodb::api {
namespace {

std::int64_t epoch_ms(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

struct Record {
    std::int64_t expires = 0;  // ms since the epoch
    std::string_view request;  // the fingerprint
    std::string_view reply;
};

// The record's members, viewing into `json`; nullopt when the text is not a record.
std::optional<Record> parse_record(std::string_view text, boost::json::value& json) {
    boost::system::error_code ec;
    json = boost::json::parse(text, ec);
    if (ec || !json.is_object()) return std::nullopt;
    const auto& object = json.as_object();
    const auto* expires = object.if_contains("expires");
    const auto* request = object.if_contains("request");
    const auto* reply = object.if_contains("reply");
    if (!expires || !expires->is_int64() || !request || !request->is_string() || !reply ||
        !reply->is_string())
        return std::nullopt;
    return Record{expires->as_int64(), request->as_string(), reply->as_string()};
}

}  // namespace

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
    now_ms_ = epoch_ms(now);
}

std::optional<std::string> TransactionToken::replay(const sdk::ReadView& kv) const {
    if (!kv.has_space(kTokensSpace)) return std::nullopt;
    auto stored = kv.get_copy(kTokensSpace, key_);
    if (!stored) return std::nullopt;
    boost::json::value json;
    auto record = parse_record(*stored, json);
    if (!record || record->expires <= now_ms_) return std::nullopt;
    if (record->request != fingerprint_)
        throw sdk::AwsError("IdempotentParameterMismatchException",
                            "Request parameters do not match the original request for the "
                            "provided ClientRequestToken");
    return std::string(record->reply);
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

bool token_record_expired(std::string_view record, std::chrono::system_clock::time_point now) {
    boost::json::value json;
    auto parsed = parse_record(record, json);
    return !parsed || parsed->expires <= epoch_ms(now);
}

}  // namespace floci::dynamodb::api
