#include "http/server.hpp"

#include <boost/asio/strand.hpp>
#include <system_error>
#include <thread>

#include "http/session.hpp"

namespace floci::host {

Server::Server(boost::asio::io_context& io, ServerContext& context)
    : io_(io), context_(context), acceptor_(boost::asio::make_strand(io)) {}

void Server::listen() {
    namespace ip = boost::asio::ip;
    const auto& config = context_.config;
    boost::system::error_code ec;
    const auto address = ip::make_address(config.bind_address, ec);
    if (ec) {
        throw std::system_error(ec, "FLOCI_BIND_ADDRESS=" + config.bind_address);
    }
    const ip::tcp::endpoint endpoint(address, config.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(boost::asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint, ec);
    if (ec) {
        throw std::system_error(
            ec, "cannot bind " + config.bind_address + ":" + std::to_string(config.port));
    }
    acceptor_.listen(boost::asio::socket_base::max_listen_connections);
    accept();
}

std::uint16_t Server::bound_port() const { return acceptor_.local_endpoint().port(); }

void Server::accept() {
    acceptor_.async_accept(
        boost::asio::make_strand(io_),
        [this](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
            if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open()) return;
            if (!ec) {
                socket.set_option(boost::asio::ip::tcp::no_delay(true), ec);
                std::make_shared<Session>(std::move(socket), context_)->start();
            } else {
                // EMFILE and friends: log and keep accepting; the client sees a reset.
                context_.log.warn("accept failed: {}", ec.message());
            }
            accept();
        });
}

void Server::drain(std::chrono::milliseconds grace) {
    context_.draining = true;
    boost::asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ec;
        acceptor_.close(ec);
    });
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (context_.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace floci::host
