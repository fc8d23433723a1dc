#pragma once
// One client connection: read a request, hand it to the host or a plugin, write the answer,
// repeat while keep-alive holds. Requests on one connection are answered one at a time, in
// order, so pipelined requests come back in the order they were sent.
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <floci/sdk/service.hpp>
#include <memory>
#include <optional>

#include "http/idle_reaper.hpp"
#include "http/response_head.hpp"
#include "http/server.hpp"

namespace floci::host {

namespace http = boost::beast::http;

class Session final : public std::enable_shared_from_this<Session>,
                      public Expirable,
                      public sdk::ResponseSink,
                      public sdk::HeaderSource {
  public:
    Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context);
    void start();

    // sdk::ResponseSink: called once per request, from any thread.
    void deliver(sdk::Response&& response) noexcept override;
    // sdk::HeaderSource over the current request.
    std::string_view header(std::string_view name) const noexcept override;
    // Expirable: the connection was silent past its deadline.
    void expire() noexcept override;

  private:
    void read_request();
    void on_read(boost::beast::error_code ec);
    void dispatch();
    void call_plugin(const Route& route);
    void answer_host_error(unsigned status, std::string_view type, std::string_view message);
    void write(sdk::Response&& response);
    void on_write(bool keep_alive, boost::beast::error_code ec);
    void close();

    boost::asio::ip::tcp::socket socket_;
    std::optional<IdleReaper::Registration> idle_registration_;
    boost::beast::flat_buffer buffer_;
    ServerContext& context_;
    std::optional<http::request_parser<http::string_body>> parser_;
    ResponseHead head_;
    std::string body_;

    // State of the request being answered.
    std::string request_id_;
    const LoadedPlugin* plugin_ = nullptr;
    unsigned char json_buffer_[4096];
    std::optional<boost::json::monotonic_resource> json_memory_;
    boost::json::parser json_parser_;
    std::optional<boost::json::value> json_;  // lives in *json_memory_
    sdk::Request request_;
    std::shared_ptr<Session> self_while_handling_;  // the plugin holds a raw sink pointer
    bool close_after_write_ = false;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace floci::host
