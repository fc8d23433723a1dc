#pragma once
// Closes connections that stay silent too long. A per-operation Asio timer (beast::tcp_stream's
// expires_after) costs a timer-queue insert and cancel on every read and write; here a session
// only stores a deadline, and one timer per server sweeps all sessions once a second.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <optional>

namespace floci::host {

// Something with a deadline that the reaper may expire.
class Expirable {
  public:
    using Clock = std::chrono::steady_clock;

    // No deadline while a plugin works on a request: the reaper never cuts a slow answer.
    void disarm() noexcept { deadline_.store(kNever, std::memory_order_relaxed); }
    void arm(Clock::duration timeout) noexcept {
        deadline_.store((Clock::now() + timeout).time_since_epoch().count(),
                        std::memory_order_relaxed);
    }
    bool expired(Clock::time_point now) const noexcept {
        return now.time_since_epoch().count() > deadline_.load(std::memory_order_relaxed);
    }
    // Called by the reaper (on its own thread) once the deadline has passed.
    virtual void expire() noexcept = 0;

  protected:
    ~Expirable() = default;

  private:
    static constexpr Clock::rep kNever = std::numeric_limits<Clock::rep>::max();
    std::atomic<Clock::rep> deadline_{kNever};
};

class IdleReaper {
    struct Registry {
        std::mutex mutex;
        std::list<std::weak_ptr<Expirable>> items;
    };

  public:
    // Membership of one item; leaving is automatic on destruction. Holds the registry itself,
    // so a session that outlives the reaper (torn down with the io_context) is still safe.
    class Registration {
      public:
        Registration(std::shared_ptr<Registry> registry, std::weak_ptr<Expirable> item);
        Registration(Registration&&) = delete;
        ~Registration();

      private:
        std::shared_ptr<Registry> registry_;
        std::list<std::weak_ptr<Expirable>>::iterator entry_;
    };

    explicit IdleReaper(boost::asio::io_context& io) : timer_(io) {}

    void start() { schedule(); }
    void stop() { timer_.cancel(); }
    void add(std::optional<Registration>& slot, std::weak_ptr<Expirable> item) {
        slot.emplace(registry_, std::move(item));
    }

  private:
    void schedule();
    void sweep();

    boost::asio::steady_timer timer_;
    std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();
};

}  // namespace floci::host
