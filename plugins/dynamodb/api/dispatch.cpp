#include "api/dispatch.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <exception>

namespace floci::dynamodb::api {

using sdk::AwsError;

namespace {

constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810.";

std::string_view error_namespace(std::string_view type) {
    if (type == "ValidationException") return "com.amazon.coral.validate#";
    if (type == "SerializationException" || type == "UnknownOperationException")
        return "com.amazon.coral.service#";
    return "com.amazonaws.dynamodb.v20120810#";
}

}  // namespace

sdk::Response error_response(const AwsError& error) {
    boost::json::object body = error.extra();
    std::string_view type = error.type();
    body["__type"] = type.find('#') == std::string_view::npos
                         ? std::string(error_namespace(type)) + std::string(type)
                         : std::string(type);
    if (!error.message().empty()) body["message"] = error.message();
    sdk::Response response;
    response.status = error.http_status();
    response.body = boost::json::serialize(body);
    return response;
}

double Context::now_seconds() const {
    auto since = clock.now().time_since_epoch();
    return static_cast<double>(
               std::chrono::duration_cast<std::chrono::milliseconds>(since).count()) /
           1000.0;
}

void Context::reply(std::string body) {
    sdk::Response response;
    response.body = std::move(body);
    responder->send(std::move(response));
}

sdk::CommitCallback Context::reply_when_durable(std::string body) {
    return [shared = responder, body = std::move(body)](sdk::Status status) mutable {
        if (!status) return shared->send(error_response(status.error()));
        sdk::Response response;
        response.body = std::move(body);
        shared->send(std::move(response));
    };
}

Dispatcher::Dispatcher(TableStore& store, BackfillRunner& backfills, const sdk::Clock& clock,
                       std::shared_ptr<spdlog::logger> log)
    : store_(store), backfills_(backfills), clock_(clock), log_(std::move(log)) {
    add_table_ops(dynamodb_);
    add_item_ops(dynamodb_);
    add_query_scan_ops(dynamodb_);
    add_batch_get_ops(dynamodb_);
    add_batch_write_ops(dynamodb_);
    add_transact_write_ops(dynamodb_);
    add_transact_get_ops(dynamodb_);
}

void Dispatcher::handle(const sdk::Request& request, sdk::Responder responder) noexcept {
    try {
        const auto& handlers = request.target_prefix == kStreamsPrefix ? streams_ : dynamodb_;
        auto it = handlers.find(request.action);
        // AWS answers an unknown operation with the bare type and no message.
        if (it == handlers.end())
            return responder.send(error_response(AwsError::unknown_operation()));
        // Read before the responder moves: a body that is not an object is answered below.
        auto fields = Fields::of(request.json);
        auto shared = std::make_shared<sdk::Responder>(std::move(responder));
        Context context{request, fields, store_, backfills_, clock_, std::move(shared)};
        try {
            it->second(context);
        } catch (const AwsError& error) {
            context.responder->send(error_response(error));
        } catch (const std::exception& e) {
            log_->error("{} failed: {}", request.action, e.what());
            context.responder->send(error_response(AwsError::internal("Internal server error")));
        }
    } catch (const AwsError& error) {
        responder.send(error_response(error));
    } catch (const std::exception& e) {
        log_->error("{} failed: {}", request.action, e.what());
        responder.send(error_response(AwsError::internal("Internal server error")));
    } catch (...) {
        responder.send(error_response(AwsError::internal("Internal server error")));
    }
}

}  // namespace floci::dynamodb::api
