// The DynamoDB plugin: descriptor and wiring only. Requests go to api::Dispatcher; tables and
// items live in storage::TableStore over the host's KvStore.
#include <floci/sdk/abi.hpp>

#include "api/dispatch.hpp"
#include "storage/table_store.hpp"

namespace {

using namespace floci::sdk;
using floci::dynamodb::TableStore;
using floci::dynamodb::api::Dispatcher;

class DynamoDbService final : public Service {
  public:
    explicit DynamoDbService(Host& host)
        : store_(host.storage()), dispatcher_(store_, host.clock(), host.logger("api")) {}

    Status start() override {
        try {
            return store_.open();
        } catch (const AwsError& error) {
            return error;
        } catch (const std::exception& e) {
            return AwsError::internal(std::string("cannot load tables: ") + e.what());
        }
    }

    void handle(const Request& request, Responder responder) noexcept override {
        dispatcher_.handle(request, std::move(responder));
    }

  private:
    TableStore store_;
    Dispatcher dispatcher_;
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
