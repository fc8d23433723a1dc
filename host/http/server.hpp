#pragma once
// The HTTP side of the host: a Beast listener on the configured address, one Session per
// connection, all run by a small pool of threads on one io_context.
#include <spdlog/logger.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "config/config.hpp"
#include "http/idle_reaper.hpp"
#include "http/router.hpp"

namespace floci::host {

// What every session reads; immutable once the server runs, except the counters.
struct ServerContext {
    const Config& config;
    const Router& router;
    std::string health_body;
    spdlog::logger& log;
    IdleReaper& reaper;
    std::atomic<int> in_flight{0};      // requests handed to a plugin and not yet written
    std::atomic<bool> draining{false};  // shutting down: answer, then close
};

class Server {
  public:
    Server(boost::asio::io_context& io, ServerContext& context);

    // Binds and listens; throws std::system_error with the address on failure.
    void listen();
    std::uint16_t bound_port() const;
    // Stops accepting; returns once in-flight requests are answered (or after `grace`).
    void drain(std::chrono::milliseconds grace);

  private:
    void accept();

    boost::asio::io_context& io_;
    ServerContext& context_;
    boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace floci::host
