// A trivial plugin for the host's tests and throughput benchmark. It answers its own target
// prefix, FlociTest_20260101.<Action>:
//   Ping  -> {}                       (the benchmark's request: host cost only)
//   Echo  -> the request body
//   Info  -> {"action","region","account","requestId"} as the host routed them
//   Put   -> {"key","value"} committed to its store, answered when durable; Get reads it back
//   Later -> {} sent from the scheduler thread (a reply from another thread)
//   Throw -> an exception inside the plugin, turned into InternalServerError at its boundary
//   Lookup {"name"} -> {"found": bool}: whether the host registry has that interface
#include <boost/json.hpp>
#include <floci/sdk/abi.hpp>
#include <future>
#include <stdexcept>

namespace {

using namespace floci::sdk;

constexpr const char* kErrorNamespace = "com.floci.test#";

Response json_response(unsigned status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response error_response(const AwsError& error) {
    boost::json::object body{{"__type", std::string(kErrorNamespace) + error.type()},
                             {"message", error.message()}};
    return json_response(error.http_status(), boost::json::serialize(body));
}

class HelloService final : public Service {
  public:
    explicit HelloService(Host& host) : host_(host) {
        host_.registry().provide("hello.iface/1", this);
    }

    Status start() override {
        WriteBatch batch;
        batch.create_space("hello");
        // Durable modes may call back later, on the store's log thread: wait for it.
        std::promise<Status> durable;
        std::future<Status> result = durable.get_future();
        host_.storage().commit(std::move(batch),
                               [&durable](Status s) { durable.set_value(std::move(s)); });
        return result.get();
    }

    void handle(const Request& request, Responder responder) noexcept override {
        try {
            route(request, responder);
        } catch (const AwsError& error) {
            responder.send(error_response(error));
        } catch (const std::exception& e) {
            responder.send(error_response(AwsError::internal(e.what())));
        }
    }

  private:
    void route(const Request& request, Responder& responder) {
        const auto& action = request.action;
        if (action == "Ping") return responder.send(json_response(200, "{}"));
        if (action == "Echo") return responder.send(json_response(200, std::string(request.body)));
        if (action == "Info") return responder.send(json_response(200, info(request)));
        if (action == "Put") return put(*request.json, std::move(responder));
        if (action == "Get") return get(*request.json, responder);
        if (action == "Later") {
            auto shared = std::make_shared<Responder>(std::move(responder));
            host_.scheduler().post([shared] { shared->send(json_response(200, "{}")); });
            return;
        }
        if (action == "Throw") throw std::runtime_error("boom");
        if (action == "Lookup") {
            const bool found = host_.registry().find_raw(field(*request.json, "name")) != nullptr;
            return responder.send(
                json_response(200, found ? R"({"found":true})" : R"({"found":false})"));
        }
        throw AwsError::unknown_operation("Unknown operation " + std::string(action));
    }

    static std::string info(const Request& request) {
        boost::json::object body{{"action", request.action},
                                 {"region", request.region},
                                 {"account", request.account_id},
                                 {"requestId", request.request_id}};
        return boost::json::serialize(body);
    }

    static std::string field(const boost::json::value& json, const char* name) {
        const auto* value = json.as_object().if_contains(name);
        if (!value || !value->is_string())
            throw AwsError::validation(std::string(name) + " must be a string");
        return std::string(value->as_string());
    }

    void put(const boost::json::value& json, Responder responder) {
        WriteBatch batch;
        batch.put("hello", field(json, "key"), field(json, "value"));
        auto shared = std::make_shared<Responder>(std::move(responder));
        host_.storage().commit(std::move(batch), [shared](Status status) {
            shared->send(status ? json_response(200, "{}") : error_response(status.error()));
        });
    }

    void get(const boost::json::value& json, Responder& responder) {
        auto value = host_.storage().get_copy("hello", field(json, "key"));
        if (!value) throw AwsError::resource_not_found("No such key");
        boost::json::object body{{"value", *value}};
        responder.send(json_response(200, boost::json::serialize(body)));
    }

    Host& host_;
};

std::unique_ptr<Service> create(Host& host) { return std::make_unique<HelloService>(host); }

const PluginInfo kInfo{
    sizeof(PluginInfo), kAbiMajor,      kAbiMinor,       "hello",  "FlociTest_20260101.",
    "flocitest",        Protocol::json, kErrorNamespace, kNoFlags, &create};

}  // namespace

FLOCI_PLUGIN(kInfo)
