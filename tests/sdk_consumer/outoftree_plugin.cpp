// The smallest useful plugin: answers OutOfTree_20260101.Hello with a greeting that names the
// region the host routed the request to.
#include <floci/sdk/abi.hpp>

namespace {

using namespace floci::sdk;

class OutOfTree final : public Service {
  public:
    void handle(const Request& request, Responder responder) noexcept override {
        Response response;
        if (request.action == "Hello") {
            response.body = R"({"greeting":"hello from out of tree","region":")" +
                            std::string(request.region) + "\"}";
        } else {
            response.status = 400;
            response.body = R"({"__type":"com.example#UnknownOperationException"})";
        }
        responder.send(std::move(response));
    }
};

std::unique_ptr<Service> create(Host&) { return std::make_unique<OutOfTree>(); }

const PluginInfo kInfo{
    sizeof(PluginInfo), kAbiMajor,      kAbiMinor,      "outoftree", "OutOfTree_20260101.",
    "outoftree",        Protocol::json, "com.example#", kNoFlags,    &create};

}  // namespace

FLOCI_PLUGIN(kInfo)
