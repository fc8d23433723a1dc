#pragma once
// What an action handler gets: the request, its body's fields, the table store, the runner of
// index builds, and the Responder it answers through (now, or later from a commit's callback).
#include <floci/sdk/scheduler.hpp>
#include <floci/sdk/service.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/request_fields.hpp"
#include "storage/backfill_runner.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

struct Context {
    const sdk::Request& request;
    Fields fields;
    TableStore& store;
    BackfillRunner& backfills;  // UpdateTable hands it the build of a GSI it adds
    const sdk::Clock& clock;
    // Shared, so that a commit callback can hold it while the dispatcher can still answer
    // an error thrown before the commit.
    std::shared_ptr<sdk::Responder> responder;

    // Seconds since the epoch with a fraction, as AWS writes CreationDateTime.
    double now_seconds() const;
    // Answers 200 with `body` now.
    void reply(std::string body);
    // A commit callback that answers 200 with `body` once the write is durable, or the
    // storage error if it failed.
    sdk::CommitCallback reply_when_durable(std::string body);
};

// The JSON error response for `error`. __type takes the namespace AWS uses for the type:
// com.amazon.coral.validate# for ValidationException, com.amazon.coral.service# for
// SerializationException and UnknownOperationException (dynalite index.js, captured from
// AWS), com.amazonaws.dynamodb.v20120810# for the rest. A type that already names its
// namespace ("x#Y") is used as it is. No "message" member when the message is empty.
sdk::Response error_response(const sdk::AwsError& error);

using Handler = void (*)(Context&);

}  // namespace floci::dynamodb::api
