#include "app.hpp"

#include <boost/asio/signal_set.hpp>

#include "http/host_responses.hpp"

namespace floci::host {

App::App(Config config, Environment environment, std::shared_ptr<spdlog::logger> log)
    : config_(std::move(config)),
      environment_(std::move(environment)),
      log_(std::move(log)),
      storage_(config_, log_) {
    settings_.hostname = config_.hostname;
    settings_.base_url = config_.base_url;
    settings_.default_region = config_.default_region;
    settings_.default_account_id = config_.default_account_id;
    settings_.port = config_.port;
    settings_.max_request_bytes = config_.max_request_bytes;
}

// run() may throw after the plugins are loaded (a port in use): stop them here, while the
// scheduler stop_all() shuts down still exists (it is destroyed before loader_).
App::~App() {
    if (loader_) loader_->stop_all();
}

int App::run(const std::filesystem::path& plugin_dir) {
    const auto started = std::chrono::steady_clock::now();
    storage::StorageFactory::check_supported(config_);
    services_.emplace(HostServices{config_, environment_, settings_, log_->sinks(), log_->level(),
                                   storage_, registry_, scheduler_, clock_});

    boost::asio::io_context io(static_cast<int>(config_.threads));
    loader_.emplace(*services_, *log_);
    loader_->load_all(plugin_dir);

    Router router(loader_->plugins(), config_.default_region, config_.default_account_id);
    IdleReaper reaper(io);
    ServerContext context{config_, router, health_body(loader_->plugins()), *log_, reaper};
    Server server(io, context);
    server.listen();
    reaper.start();
    settings_.port = server.bound_port();
    log_startup(settings_.port, std::chrono::steady_clock::now() - started);

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    std::atomic<bool> stop_requested{false};
    std::thread drainer;
    signals.async_wait([&](boost::system::error_code ec, int signal) {
        if (ec) return;
        log_->info("signal {}: draining", signal);
        // Drain off the I/O threads, so they keep answering in-flight requests meanwhile.
        drainer = std::thread([&] {
            server.drain(std::chrono::seconds(10));
            boost::asio::post(io, [&] { reaper.stop(); });
            stop_requested = true;
            io.stop();
        });
    });

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back([&] { io.run(); });
    io.run();
    for (auto& thread : threads) thread.join();
    if (drainer.joinable()) drainer.join();

    loader_->stop_all();  // also shuts scheduler_ down, before it destroys the services
    storage_.flush_all();
    log_->info("stopped");
    return 0;
}

void App::log_startup(std::uint16_t port, std::chrono::steady_clock::duration took) const {
    std::string plugins;
    for (const auto& plugin : loader_->plugins()) {
        if (!plugins.empty()) plugins += ", ";
        plugins += plugin.name + (plugin.service ? "" : " (disabled)");
        if (plugin.service) {
            plugins += " [storage ";
            plugins += sdk::to_string(config_.storage_for(plugin.name).mode);
            plugins += "]";
        }
    }
    log_->info("floci {} listening on {}:{} ({} threads, {:.1f} ms to start)", "0.1.0",
               config_.bind_address, port, config_.threads,
               std::chrono::duration<double, std::milli>(took).count());
    log_->info("plugins: {}", plugins.empty() ? "none" : plugins);
}

}  // namespace floci::host
