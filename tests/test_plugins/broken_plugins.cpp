// Plugins that must be skipped, one per build flavour (BROKEN_KIND):
//   1 wrong ABI major version; 2 newer ABI minor; 3 start() fails; 4 create() throws;
//   5 an undefined symbol (linked without --no-undefined, so only rtld_now catches it).
#include <floci/sdk/abi.hpp>
#include <stdexcept>

#ifndef BROKEN_KIND
#error "define BROKEN_KIND"
#endif

namespace {

using namespace floci::sdk;

#if BROKEN_KIND == 5
extern "C" int floci_symbol_that_does_not_exist();
#endif

class Broken final : public Service {
  public:
    Status start() override {
#if BROKEN_KIND == 3
        return AwsError::internal("refusing to start on purpose");
#elif BROKEN_KIND == 5
        return floci_symbol_that_does_not_exist() ? Status{} : Status{};
#else
        return {};
#endif
    }
    void handle(const Request&, Responder responder) noexcept override {
        responder.send(Response{200, {}, {}, "{}"});
    }
};

std::unique_ptr<Service> create(Host& host) {
    // Provided before failing: the loader must withdraw it (see e2e_host).
    static int interface_object = 0;
    host.registry().provide(BROKEN_NAME ".iface/1", &interface_object);
#if BROKEN_KIND == 4
    throw std::runtime_error("create throws on purpose");
#endif
    return std::make_unique<Broken>();
}

const PluginInfo kInfo{sizeof(PluginInfo),
                       BROKEN_KIND == 1 ? kAbiMajor + 1 : kAbiMajor,
                       BROKEN_KIND == 2 ? kAbiMinor + 1 : kAbiMinor,
                       BROKEN_NAME,
                       BROKEN_NAME "_20260101.",
                       BROKEN_NAME,
                       Protocol::json,
                       "",
                       kNoFlags,
                       &create};

}  // namespace

FLOCI_PLUGIN(kInfo)
