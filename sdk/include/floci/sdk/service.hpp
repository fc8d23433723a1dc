#pragma once
// What a plugin implements: a Service that answers requests the host routed to it.
// No Beast types here: the host adapts its HTTP layer to these plain structs.
#include <boost/config.hpp>
#include <boost/json/fwd.hpp>
#include <floci/sdk/result.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace floci::sdk {

// Header lookup over the host's parsed request; names are case-insensitive.
class BOOST_SYMBOL_VISIBLE HeaderSource {
  public:
    virtual std::string_view header(std::string_view name) const noexcept = 0;

  protected:
    ~HeaderSource() = default;
};

// One routed request. Every view stays valid until the request's Responder has sent.
struct Request {
    std::string_view method;         // "POST"
    std::string_view target;         // path and query as received: "/bucket/key?uploads"
    std::string_view host;           // the Host header
    std::string_view action;         // X-Amz-Target after the service's prefix, "" for REST
    std::string_view target_prefix;  // the X-Amz-Target prefix that matched, "" for REST
    std::string_view account_id;     // from a 12-digit access key id, else the default
    std::string_view region;         // from the SigV4 credential scope, else the default
    std::string_view request_id;     // also sent back as x-amzn-RequestId
    std::string_view body;
    // For JSON-protocol services: the body, already parsed (the host answers
    // SerializationException itself when it is not JSON). Null for other protocols.
    const boost::json::value* json = nullptr;
    const HeaderSource* headers = nullptr;

    std::string_view header(std::string_view name) const noexcept {
        return headers ? headers->header(name) : std::string_view{};
    }
};

struct Response {
    unsigned status = 200;
    std::string content_type;  // empty: the protocol's default
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// Where a Responder delivers; implemented by the host.
class BOOST_SYMBOL_VISIBLE ResponseSink {
  public:
    virtual void deliver(Response&& response) noexcept = 0;

  protected:
    ~ResponseSink() = default;
};

// Sends exactly one response for one request, from any thread, now or later (after an
// asynchronous commit, say). Move-only and pointer-sized, so handing it on costs nothing.
class Responder {
  public:
    explicit Responder(ResponseSink* sink) noexcept : sink_(sink) {}
    Responder(Responder&& other) noexcept : sink_(std::exchange(other.sink_, nullptr)) {}
    Responder& operator=(Responder&& other) noexcept {
        sink_ = std::exchange(other.sink_, nullptr);
        return *this;
    }
    Responder(const Responder&) = delete;
    Responder& operator=(const Responder&) = delete;
    ~Responder() = default;

    void send(Response&& response) noexcept {
        if (auto* sink = std::exchange(sink_, nullptr)) sink->deliver(std::move(response));
    }
    bool pending() const noexcept { return sink_ != nullptr; }

  private:
    ResponseSink* sink_;
};

class BOOST_SYMBOL_VISIBLE Service {
  public:
    virtual ~Service() = default;

    // Runs once every plugin has been created, so a service can find() what others provide.
    // A service that cannot start is stopped, destroyed and unloaded, and the host goes on.
    virtual Status start() { return {}; }

    // Answers one request through `responder`. Never throws: a plugin catches everything at
    // its own dispatch boundary and turns it into an error response.
    virtual void handle(const Request& request, Responder responder) noexcept = 0;

    // Cancels the service's timers and joins its threads; nothing of it runs afterwards.
    virtual void stop() noexcept {}
};

}  // namespace floci::sdk
