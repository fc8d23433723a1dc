// The DynamoDB plugin: descriptor and wiring only. Requests go to api::Dispatcher; tables and
// items live in storage::TableStore over the host's KvStore; BackfillRunner fills GSIs added by
// UpdateTable and api::TokenSweeper deletes expired transaction tokens, both on the host's
// scheduler.
#include <floci/sdk/abi.hpp>

#include "api/dispatch.hpp"
#include "api/token_sweeper.hpp"
#include "storage/backfill_runner.hpp"
#include "storage/index_build.hpp"
#include "storage/table_store.hpp"

namespace {

using namespace floci::sdk;
using floci::dynamodb::backfill_settings;
using floci::dynamodb::BackfillRunner;
using floci::dynamodb::TableStore;
using floci::dynamodb::api::Dispatcher;
using floci::dynamodb::api::TokenSweeper;

class DynamoDbService final : public Service {
  public:
    explicit DynamoDbService(Host& host)
        : host_(host),
          store_(host.storage()),
          backfills_(host.logger("backfill")),
          dispatcher_(store_, backfills_, host.clock(), host.logger("api")),
          token_sweeper_(host.storage(), host.clock()) {}

    Status start() override {
        try {
            auto settings = backfill_settings(host_.env("FLOCI_DYNAMODB_BACKFILL_CHUNK"),
                                              host_.env("FLOCI_DYNAMODB_BACKFILL_PAUSE_MS"));
            if (!settings) return settings.error();
            auto opened = store_.open();
            if (!opened) return opened;
            // Indexes an UpdateTable left CREATING before the last stop are finished now.
            for (auto& build : store_.unfinished_builds()) backfills_.submit(std::move(build));
            backfills_.start(host_.scheduler(), *settings);
            token_sweeper_.start(host_.scheduler());
            return opened;
        } catch (const AwsError& error) {
            return error;
        } catch (const std::exception& e) {
            return AwsError::internal(std::string("cannot load tables: ") + e.what());
        }
    }

    void handle(const Request& request, Responder responder) noexcept override {
        dispatcher_.handle(request, std::move(responder));
    }

    void stop() noexcept override {
        token_sweeper_.stop();
        backfills_.stop();
    }

  private:
    Host& host_;
    TableStore store_;
    BackfillRunner backfills_;
    Dispatcher dispatcher_;
    TokenSweeper token_sweeper_;
};

std::unique_ptr<Service> create(Host& host) { return std::make_unique<DynamoDbService>(host); }

const PluginInfo kInfo{sizeof(PluginInfo),
                       kAbiMajor,
                       kAbiMinor,
                       "dynamodb",
                       "DynamoDB_20120810.,DynamoDBStreams_20120810.",
                       "dynamodb",
                       Protocol::json,
                       "com.amazonaws.dynamodb.v20120810#",
                       kNoFlags,
                       &create};

}  // namespace

FLOCI_PLUGIN(kInfo)
