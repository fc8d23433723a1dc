#include "api/read_page.hpp"

#include <boost/json/parse.hpp>

#include "expressions/evaluate.hpp"
#include "expressions/projection.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"

namespace floci::dynamodb::api {
namespace {

// A page's first buffer: ten items of a few hundred bytes fit without growing it.
constexpr std::size_t kInitialReplyBytes = 4096;

// The size of comma-separated stored items the scanner did not understand, by parsing them.
std::size_t parsed_items_size(std::string_view joined) {
    std::string array;
    array.reserve(joined.size() + 2);
    array.append("[").append(joined).append("]");
    const boost::json::value items = boost::json::parse(array, {}, stored_item_parse_options());
    std::size_t size = 0;
    for (const auto& item : items.as_array()) size += item_size(parse_item(item));
    return size;
}

}  // namespace

ReadPage::ReadPage(const ReadRequest& request, const KeySchema& key, const IndexMeta* index,
                   bool global)
    : request_(request),
      key_(key),
      index_(index),
      index_key_(index ? &index->key : nullptr),
      global_(global) {
    body_ += '{';
    if (!request_.count_only) {
        body_.reserve(kInitialReplyBytes);
        body_ += "\"Items\":[";
    }
    items_start_ = body_.size();
    defer_sizes_ = !request_.filter && !request_.projection && !request_.count_only &&
                   request_.common.consumed_capacity.empty();
}

bool ReadPage::full() const noexcept {
    if (request_.limit && scanned_ >= static_cast<std::size_t>(*request_.limit)) return true;
    // While sizes are deferred, the items' texts and so their sizes are under 1 MB.
    return !defer_sizes_ && bytes_ >= kMaxPageBytes;
}

bool ReadPage::add(std::string_view key, std::string_view value) {
    if (full()) return false;
    (index_ ? read_.index : read_.table) += take(key, value);
    return true;
}

bool ReadPage::add_fetched(std::string_view key, std::string_view item, std::size_t entry_bytes) {
    if (full()) return false;
    read_.table += take(key, item);
    read_.index += entry_bytes;
    ++read_.fetched;
    return true;
}

std::size_t ReadPage::take(std::string_view key, std::string_view value) {
    ++scanned_;
    last_key_.assign(key);
    if (defer_sizes_) {
        ++count_;
        append_item(value);
        deferred_text_ += value.size();
        if (deferred_text_ >= kMaxPageBytes) size_deferred_items();
        return 0;
    }
    // Only a filter or a projection needs the item itself; its size comes from the text.
    std::optional<Item> item;
    if (request_.filter || request_.projection) item = parse_stored_item(value);
    const auto stored_size = stored_item_size(value);
    if (!stored_size && !item) item = parse_stored_item(value);
    const std::size_t size = stored_size ? *stored_size : item_size(*item);
    bytes_ += size;
    if (request_.filter && !expr::evaluate(*request_.filter, *item)) return size;
    ++count_;
    if (request_.count_only) return size;
    if (request_.projection) {
        if (body_.size() > items_start_) body_ += ',';
        write_item(body_, expr::project(*request_.projection, *item));
    } else {
        append_item(value);
    }
    return size;
}

void ReadPage::append_item(std::string_view text) {
    if (body_.size() > items_start_) body_ += ',';
    body_ += text;
}

// Every item taken so far was deferred (deferral only ever ends), so they are exactly the
// Items members in the body.
void ReadPage::size_deferred_items() {
    const std::string_view items = std::string_view(body_).substr(items_start_);
    const auto size = stored_items_size(items);
    bytes_ += size ? *size : parsed_items_size(items);
    defer_sizes_ = false;
}

void ReadPage::append_last_key(std::string& out) const {
    std::string_view rest = last_key_;
    Item key;
    if (index_key_) {
        key.emplace(index_key_->hash.name, decode_key_value(rest));
        if (index_key_->range) key.emplace(index_key_->range->name, decode_key_value(rest));
    }
    TableKey decoded = decode_table_key(rest);
    key.emplace(key_.hash.name, std::move(decoded.hash));
    if (key_.range && decoded.range) key.emplace(key_.range->name, std::move(*decoded.range));
    out += ",\"LastEvaluatedKey\":";
    write_item(out, key);
}

std::string ReadPage::reply() && {
    std::string out = std::move(body_);
    if (!request_.count_only) out += "],";
    out += "\"Count\":" + std::to_string(count_);
    out += ",\"ScannedCount\":" + std::to_string(scanned_);
    if (full() && !last_key_.empty()) append_last_key(out);
    // Capacity is only asked for on pages that sized every item as it came (see take()).
    if (!request_.common.consumed_capacity.empty())
        append_consumed_capacity(
            out, request_.common.consumed_capacity,
            read_capacity(request_.common.table_name, index_, global_, read_, request_.consistent));
    out += '}';
    return out;
}

}  // namespace floci::dynamodb::api
