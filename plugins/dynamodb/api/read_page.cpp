#include "api/read_page.hpp"

#include "expressions/evaluate.hpp"
#include "expressions/projection.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"

namespace floci::dynamodb::api {

ReadPage::ReadPage(const ReadRequest& request, const KeySchema& key, const IndexMeta* index,
                   bool global)
    : request_(request),
      key_(key),
      index_(index),
      index_key_(index ? &index->key : nullptr),
      global_(global) {}

bool ReadPage::full() const noexcept {
    if (request_.limit && scanned_ >= static_cast<std::size_t>(*request_.limit)) return true;
    return bytes_ >= kMaxPageBytes;
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
    // Only a filter or a projection needs the item itself; its size comes from the text.
    std::optional<Item> item;
    if (request_.filter || request_.projection) item = parse_stored_item(value);
    const auto stored_size = stored_item_size(value);
    if (!stored_size && !item) item = parse_stored_item(value);
    const std::size_t size = stored_size ? *stored_size : item_size(*item);
    ++scanned_;
    bytes_ += size;
    last_key_.assign(key);
    if (request_.filter && !expr::evaluate(*request_.filter, *item)) return size;
    ++count_;
    if (request_.count_only) return size;
    if (!items_.empty()) items_ += ',';
    if (request_.projection)
        write_item(items_, expr::project(*request_.projection, *item));
    else
        items_ += value;
    return size;
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

std::string ReadPage::reply() const {
    std::string out;
    out.reserve(items_.size() + 128);
    out += '{';
    if (!request_.count_only) {
        out += "\"Items\":[";
        out += items_;
        out += "],";
    }
    out += "\"Count\":" + std::to_string(count_);
    out += ",\"ScannedCount\":" + std::to_string(scanned_);
    if (full() && !last_key_.empty()) append_last_key(out);
    if (!request_.common.consumed_capacity.empty())
        append_consumed_capacity(
            out, request_.common.consumed_capacity,
            read_capacity(request_.common.table_name, index_, global_, read_, request_.consistent));
    out += '}';
    return out;
}

}  // namespace floci::dynamodb::api
