#pragma once
// The plugin's one door: action name -> handler, and the only place that catches. An AwsError
// becomes its JSON error response; anything else is logged and becomes InternalServerError;
// an action that is not built (or does not exist) answers 400 UnknownOperationException, as
// AWS does for names it does not know, never a fake success.
#include <spdlog/logger.h>

#include <floci/sdk/service.hpp>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "api/context.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

using HandlerTable = std::unordered_map<std::string_view, Handler>;

// Each *_ops.cpp adds its actions ("CreateTable", ...) to the table.
void add_table_ops(HandlerTable& table);
void add_item_ops(HandlerTable& table);
void add_query_scan_ops(HandlerTable& table);
void add_batch_get_ops(HandlerTable& table);
void add_batch_write_ops(HandlerTable& table);
void add_transact_write_ops(HandlerTable& table);
void add_transact_get_ops(HandlerTable& table);

class Dispatcher {
  public:
    Dispatcher(TableStore& store, BackfillRunner& backfills, const sdk::Clock& clock,
               std::shared_ptr<spdlog::logger> log);

    void handle(const sdk::Request& request, sdk::Responder responder) noexcept;

  private:
    TableStore& store_;
    BackfillRunner& backfills_;
    const sdk::Clock& clock_;
    std::shared_ptr<spdlog::logger> log_;
    HandlerTable dynamodb_;  // DynamoDB_20120810.<Action>
    HandlerTable streams_;   // DynamoDBStreams_20120810.<Action>
};

}  // namespace floci::dynamodb::api
