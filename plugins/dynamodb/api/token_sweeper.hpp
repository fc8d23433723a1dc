#pragma once
// Deletes expired ClientRequestToken records (transaction_tokens.hpp). Lookups ignore an
// expired record, but only a token used again would overwrite it, so without a sweep every
// token ever used would stay in the store (and in every checkpoint) forever.
//
// A sweep walks the token space in chunks of kTokenSweepChunk records. Each chunk is read and
// its expired records erased under TransactionToken::mutex(), so a transaction cannot write a
// token again between the read and the erase; between chunks the mutex is released, so a
// transaction with a token never waits for more than one chunk.
#include <chrono>
#include <cstddef>
#include <floci/sdk/scheduler.hpp>
#include <floci/sdk/storage.hpp>
#include <memory>

namespace floci::dynamodb::api {

inline constexpr std::chrono::minutes kTokenSweepPeriod{1};
inline constexpr std::size_t kTokenSweepChunk = 256;

class TokenSweeper {
  public:
    TokenSweeper(sdk::KvStore& kv, const sdk::Clock& clock);
    ~TokenSweeper();
    TokenSweeper(const TokenSweeper&) = delete;
    TokenSweeper& operator=(const TokenSweeper&) = delete;

    // Sweeps every kTokenSweepPeriod on `scheduler`'s thread until stop().
    void start(sdk::Scheduler& scheduler);
    // Cancels the periodic sweep and waits for one that is running (it stops after its
    // current chunk). No sweep starts afterwards.
    void stop() noexcept;

    // One sweep over the whole token space; returns how many records it deleted.
    std::size_t sweep();

  private:
    // Shared with the scheduled task: the host's scheduler may start a task just as it is
    // cancelled, so the task must find the stopped flag, not a destroyed sweeper.
    struct State;
    std::shared_ptr<State> state_;
    sdk::Scheduler* scheduler_ = nullptr;
    sdk::TaskId task_ = 0;
};

}  // namespace floci::dynamodb::api
