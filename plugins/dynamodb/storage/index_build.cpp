#include "storage/index_build.hpp"

#include <algorithm>
#include <floci/sdk/aws_error.hpp>
#include <mutex>

#include "storage/table_store.hpp"

namespace floci::dynamodb {
namespace {

// A store refuses a batch (a failed log write, a closed store) inside commit(), and reports a
// batch it accepted as durable later. A refused chunk must stop the build, or the index would
// turn ACTIVE without that chunk's entries; so each commit is checked as soon as it returns.
class RefusalCheck {
  public:
    sdk::CommitCallback callback() {
        return [state = state_](sdk::Status status) {
            if (status) return;
            std::lock_guard lock(state->mutex);
            state->error.emplace(status.error());
        };
    }

    void throw_if_refused() const {
        std::lock_guard lock(state_->mutex);
        if (state_->error) throw *state_->error;
    }

  private:
    struct State {
        std::mutex mutex;
        std::optional<sdk::AwsError> error;
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

template <class Indexes>
auto* creating_index(Indexes& indexes, const std::string& name) {
    auto it = std::find_if(indexes.begin(), indexes.end(),
                           [&](const IndexMeta& i) { return i.name == name && i.creating; });
    return it == indexes.end() ? nullptr : &*it;
}

}  // namespace

IndexBuild::IndexBuild(TableStore& store, std::shared_ptr<Table> table, std::string index)
    : store_(store),
      table_(std::move(table)),
      index_(std::move(index)),
      id_(table_->begin_build()) {}

const std::string& IndexBuild::table_name() const noexcept { return table_->name(); }

IndexBuild::Progress IndexBuild::step(std::size_t limit) {
    std::lock_guard lock(table_->write_mutex());
    if (table_->deleted() || table_->current_build() != id_) return Progress::kAbandoned;
    auto meta = table_->meta();
    const IndexMeta* index = creating_index(meta->global_indexes, index_);
    if (!index) {
        table_->end_build();
        return Progress::kAbandoned;
    }
    sdk::WriteBatch batch;
    auto chunk = store_.add_index_chunk(*table_, *meta, *index, after_, limit, batch);
    if (!batch.empty()) {
        RefusalCheck check;
        store_.kv().commit(std::move(batch), check.callback());
        check.throw_if_refused();
        table_->add_index_stats({{index_, chunk.added.items, chunk.added.bytes}});
    }
    if (!chunk.last) return Progress::kMore;
    TableMeta active = *meta;
    creating_index(active.global_indexes, index_)->creating = false;
    RefusalCheck check;
    store_.update(*table_, std::move(active), check.callback());
    check.throw_if_refused();
    table_->end_build();
    return Progress::kFinished;
}

}  // namespace floci::dynamodb
