#pragma once
// ClientRequestToken idempotency for TransactWriteItems. A token is valid for 10 minutes
// after the request that used it (API reference, TransactWriteItems ClientRequestToken):
// the same token with the same request answers as the first time without writing again; with
// a different request it fails with IdempotentParameterMismatchException. Records live in
// their own key space, committed in the transaction's batch, so they survive a restart in
// durable modes. An expired record is ignored when looked up (lazy expiry) and deleted by the
// periodic sweep (token_sweeper.hpp), so records do not pile up.
#include <boost/json/object.hpp>
#include <chrono>
#include <floci/sdk/storage.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace floci::dynamodb::api {

inline constexpr std::string_view kTokensSpace = "transaction_tokens";
inline constexpr std::chrono::minutes kTokenLifetime{10};

class TransactionToken {
  public:
    TransactionToken(std::string_view account, std::string_view region, std::string_view token,
                     const boost::json::object& request, std::chrono::system_clock::time_point now);

    // The first answer when the token was used for this request and has not expired; throws
    // IdempotentParameterMismatchException when it was used for another request.
    std::optional<std::string> replay(const sdk::ReadView& kv) const;
    // Adds the token's record, with the answer given, to the transaction's batch.
    void record(const sdk::ReadView& kv, sdk::WriteBatch& batch, std::string_view reply) const;

    // Held from replay() to commit: two requests with one token never both run. The sweep
    // holds it too from reading records to erasing them, so it never erases a record that a
    // transaction has just written again.
    static std::mutex& mutex();

  private:
    std::string key_;
    std::string fingerprint_;  // the request without its token
    std::int64_t now_ms_ = 0;
};

// Whether the stored record `record` has expired at `now`. An unreadable record counts as
// expired: replay() ignores it just the same.
bool token_record_expired(std::string_view record, std::chrono::system_clock::time_point now);

}  // namespace floci::dynamodb::api
