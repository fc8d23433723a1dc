#include "http/session.hpp"

#include <zlib.h>

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "http/host_responses.hpp"
#include "http/request_id.hpp"

namespace floci::host {
namespace {

namespace beast = boost::beast;

// A connection may sit idle between requests this long (SDKs keep pools of them), and a
// request or response may take this long to cross the socket.
constexpr auto kIdleTimeout = std::chrono::seconds(120);
constexpr auto kWriteTimeout = std::chrono::seconds(60);
// Request line plus headers; SigV4 headers and long presigned URLs fit with room to spare.
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
// DynamoDB allows 32 nested attribute levels, each two JSON levels deep ({"M":{...}}).
constexpr std::size_t kMaxJsonDepth = 128;

// The session whose plugin handle() is running on this thread: a reply sent from inside
// handle() can be written at once, without a trip through the executor's queue.
thread_local const void* tls_handling_session = nullptr;

constexpr std::string_view kJsonContentType = "application/x-amz-json-1.0";

std::string crc32_text(std::string_view body) {
    const auto crc =
        ::crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return std::to_string(crc);
}

boost::json::parse_options json_options() {
    boost::json::parse_options options;
    options.max_depth = kMaxJsonDepth;
    return options;
}

}  // namespace

Session::Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context)
    : socket_(std::move(socket)), context_(context), json_parser_({}, json_options()) {}

void Session::start() {
    context_.reaper.add(idle_registration_, weak_from_this());
    boost::asio::dispatch(socket_.get_executor(),
                          [self = shared_from_this()] { self->read_request(); });
}

void Session::read_request() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    // Checked against Content-Length as soon as the header is parsed, and against the
    // running total while a chunked body streams in: an oversized body is never buffered.
    parser_->body_limit(context_.config.max_request_bytes);
    arm(kIdleTimeout);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Session::on_read(beast::error_code ec) {
    // Socket errors (reset, closed by the idle reaper) and a client that hung up end the
    // session; only malformed HTTP gets an answer.
    const bool http_error =
        ec.category() == http::make_error_code(http::error::end_of_stream).category();
    if ((ec && !http_error) || ec == http::error::end_of_stream ||
        ec == http::error::partial_message) {
        return close();
    }
    disarm();
    plugin_ = nullptr;
    close_after_write_ = static_cast<bool>(ec);
    if (ec == http::error::body_limit) {
        return answer_host_error(413, "RequestEntityTooLarge",
                                 "Request body exceeds the maximum request size of " +
                                     std::to_string(context_.config.max_request_bytes >> 20) +
                                     " MiB (FLOCI_MAX_REQUEST_SIZE)");
    }
    if (ec == http::error::header_limit) {
        return answer_host_error(431, "RequestHeaderFieldsTooLarge",
                                 "Request headers exceed 64 KiB");
    }
    if (ec) return answer_host_error(400, "BadRequest", "Malformed HTTP request: " + ec.message());
    dispatch();
}

void Session::dispatch() {
    const auto& req = parser_->get();
    if (context_.log.should_log(spdlog::level::debug)) started_ = std::chrono::steady_clock::now();
    make_request_id(request_id_);

    if (req.method() == http::verb::options && context_.config.cors.enabled()) {
        sdk::Response response;
        response.status = 200;
        return write(std::move(response));
    }
    if ((req.method() == http::verb::get || req.method() == http::verb::head) &&
        is_health_path(req.target())) {
        sdk::Response response;
        response.content_type = "application/json";
        response.body = context_.health_body;
        return write(std::move(response));
    }
    RouteInput input{header("X-Amz-Target"), header("Authorization"), req.target()};
    auto routed = context_.router.route(input);
    if (auto* error = std::get_if<RouteError>(&routed)) {
        plugin_ = error->plugin;
        return answer_host_error(error->status, error->type, error->message);
    }
    call_plugin(std::get<Route>(routed));
}

void Session::call_plugin(const Route& route) {
    const auto& req = parser_->get();
    plugin_ = route.plugin;
    request_ = sdk::Request{};
    request_.json = nullptr;
    if (plugin_->protocol == sdk::Protocol::json) {
        json_.reset();  // drop references into json_memory_ before replacing it
        json_parser_.reset();
        // A fresh resource rather than release(): Boost 1.81's release() keeps the doubled
        // next block size, so on a keep-alive connection every large body doubled it again
        // until an allocation threw bad_alloc (about 18 PutItems of 100 KB, see
        // tests/e2e/test_dynamodb_query_scan.py test_pagination_by_one_megabyte).
        json_memory_.emplace(json_buffer_, sizeof(json_buffer_));
        // One parser per session: its internal stack is reused from request to request.
        json_parser_.reset(&*json_memory_);
        boost::json::error_code ec;
        std::string_view body = req.body();
        json_parser_.write(body.empty() ? std::string_view("{}") : body, ec);
        // Move-construct, never assign: assigning to a value with another storage would copy
        // the whole tree onto the heap (that copy once cost a third of a PutItem).
        if (!ec) json_.emplace(json_parser_.release());
        if (ec || !json_->is_object()) {
            return answer_host_error(400, "SerializationException",
                                     ec ? "Request body is not valid JSON: " + ec.message()
                                        : "Request body must be a JSON object");
        }
        request_.json = &*json_;
    }
    request_.method = std::string_view(req.method_string().data(), req.method_string().size());
    request_.target = std::string_view(req.target().data(), req.target().size());
    request_.host = header("Host");
    request_.action = route.action;
    request_.target_prefix = route.target_prefix;
    request_.account_id = route.account_id;
    request_.region = route.region;
    request_.request_id = request_id_;
    request_.body = req.body();
    request_.headers = this;

    context_.in_flight.fetch_add(1, std::memory_order_relaxed);
    self_while_handling_ = shared_from_this();
    tls_handling_session = this;
    plugin_->service->handle(request_, sdk::Responder(this));
    tls_handling_session = nullptr;
}

void Session::deliver(sdk::Response&& response) noexcept {
    // Usually called from inside handle(), on this session's strand; a plugin that finished
    // on another thread (after an fsync, say) is brought back to the strand.
    if (tls_handling_session == this) {
        write(std::move(response));
    } else {
        boost::asio::post(socket_.get_executor(),
                          [self = shared_from_this(), r = std::move(response)]() mutable {
                              self->write(std::move(r));
                          });
    }
}

void Session::answer_host_error(unsigned status, std::string_view type, std::string_view message) {
    context_.log.warn("{} {}: {} {}", status, type, message,
                      parser_->is_header_done() ? std::string(parser_->get().target()) : "");
    sdk::Response response;
    response.status = status;
    response.content_type = kJsonContentType;
    response.body = json_error_body(plugin_ ? plugin_->error_namespace : "", type, message);
    write(std::move(response));
}

std::string_view Session::header(std::string_view name) const noexcept {
    if (!parser_ || !parser_->is_header_done()) return {};
    const auto& fields = parser_->get();
    auto it = fields.find(boost::beast::string_view(name.data(), name.size()));
    if (it == fields.end()) return {};
    return std::string_view(it->value().data(), it->value().size());
}

void Session::write(sdk::Response&& response) {
    const auto& req = parser_->get();
    const bool json = !plugin_ || plugin_->protocol == sdk::Protocol::json;
    std::string_view content_type = response.content_type;
    if (content_type.empty()) content_type = json ? kJsonContentType : "application/xml";
    head_.start(response.status);
    head_.add("Content-Type", content_type);
    head_.add("x-amzn-RequestId", request_id_);
    if (json) head_.add("X-Amz-Crc32", crc32_text(response.body));
    for (auto& [name, value] : response.headers) head_.add(name, value);
    if (context_.config.cors.enabled()) {
        const bool preflight = req.method() == http::verb::options;
        for (auto& [name, value] :
             cors_headers(context_.config.cors, header("Origin"),
                          header("Access-Control-Request-Headers"), preflight))
            head_.add(name, value);
    }
    body_ = std::move(response.body);
    const bool keep_alive = req.keep_alive() && !close_after_write_ && !context_.draining.load();
    // A HEAD answer names the length of the body it does not send.
    head_.finish(body_.size(), keep_alive);
    if (req.method() == http::verb::head || !ResponseHead::allows_body(response.status))
        body_.clear();

    if (response.status >= 500) {
        context_.log.warn("{} {} answered {} ({})", plugin_ ? plugin_->name : "host",
                          request_.action, response.status, request_id_);
    }
    if (context_.log.should_log(spdlog::level::debug)) {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started_);
        context_.log.debug(
            "{} {} {} {} {:.3f} ms", plugin_ ? plugin_->name : "host",
            request_.action.empty() ? std::string_view(req.target()) : request_.action,
            response.status, request_id_, micros.count() / 1000.0);
    }
    arm(kWriteTimeout);
    const std::array<boost::asio::const_buffer, 2> buffers{boost::asio::buffer(head_.text()),
                                                           boost::asio::buffer(body_)};
    boost::asio::async_write(
        socket_, buffers,
        [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
            self->on_write(keep_alive, ec);
        });
}

void Session::on_write(bool keep_alive, beast::error_code ec) {
    if (self_while_handling_) {
        context_.in_flight.fetch_sub(1, std::memory_order_relaxed);
        self_while_handling_.reset();
    }
    if (ec || !keep_alive) return close();
    read_request();
}

void Session::close() {
    beast::error_code ec;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    socket_.close(ec);
}

void Session::expire() noexcept {
    // Closing cancels the pending read or write, whose handler then ends the session.
    boost::asio::post(socket_.get_executor(), [self = shared_from_this()] { self->close(); });
}

}  // namespace floci::host
