// floci: the emulator host. Reads FLOCI_* configuration, loads service plugins and serves
// them over HTTP until SIGINT/SIGTERM.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <thread>

#include "app.hpp"

namespace {

std::filesystem::path executable_dir() {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : self.parent_path();
}

}  // namespace

int main() {
    auto log = std::make_shared<spdlog::logger>("floci",
                                                std::make_shared<spdlog::sinks::stdout_sink_mt>());
    log->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
    log->flush_on(spdlog::level::info);
    try {
        auto environment = floci::host::floci_environment();
        auto config = floci::host::load_config(environment,
                                               std::max(1u, std::thread::hardware_concurrency()));
        log->set_level(spdlog::level::from_str(config.log_level));
        const auto plugin_dir = config.plugin_dir.empty()
                                    ? executable_dir() / "plugins"
                                    : std::filesystem::path(config.plugin_dir);
        floci::host::App app(std::move(config), std::move(environment), log);
        return app.run(plugin_dir);
    } catch (const floci::host::ConfigError& e) {
        log->critical("invalid configuration: {}", e.what());
    } catch (const std::exception& e) {
        log->critical("cannot start: {}", e.what());
    }
    return 1;
}
