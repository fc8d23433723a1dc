#include "http/idle_reaper.hpp"

#include <vector>

namespace floci::host {

IdleReaper::Registration::Registration(std::shared_ptr<Registry> registry,
                                       std::weak_ptr<Expirable> item)
    : registry_(std::move(registry)) {
    std::lock_guard lock(registry_->mutex);
    entry_ = registry_->items.insert(registry_->items.end(), std::move(item));
}

IdleReaper::Registration::~Registration() {
    if (!registry_) return;
    std::lock_guard lock(registry_->mutex);
    registry_->items.erase(entry_);
}

void IdleReaper::schedule() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        sweep();
        schedule();
    });
}

void IdleReaper::sweep() {
    const auto now = Expirable::Clock::now();
    std::vector<std::shared_ptr<Expirable>> expired;
    {
        std::lock_guard lock(registry_->mutex);
        for (auto& weak : registry_->items) {
            auto item = weak.lock();
            if (item && item->expired(now)) expired.push_back(std::move(item));
        }
    }
    // Outside the lock: the last reference may go here, and a session's destructor locks it.
    for (auto& item : expired) item->expire();
}

}  // namespace floci::host
