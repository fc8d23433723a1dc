// Key value checks. See key_check.hpp.
#include "model/key_check.hpp"

#include <string>

#include "floci/sdk/aws_error.hpp"
#include "model/item_size.hpp"

namespace floci::dynamodb {
namespace {

[[noreturn]] void empty_key(std::string_view kind, std::string_view name) {
    throw sdk::AwsError::validation(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty " +
        std::string(kind) + " value. Key: " + std::string(name));
}

}  // namespace

void check_key_value(std::string_view name, const AttributeValue& value, bool partition_key) {
    if (const auto* s = value.get_if<std::string>(); s != nullptr && s->empty()) {
        empty_key("string", name);
    }
    if (const auto* b = value.get_if<Binary>(); b != nullptr && b->bytes.empty()) {
        empty_key("binary", name);
    }
    const std::size_t size = key_value_size(value);
    if (partition_key && size > kMaxPartitionKeySize) {
        throw sdk::AwsError::validation(std::string(kPartitionKeyTooLargeMessage));
    }
    if (!partition_key && size > kMaxSortKeySize) {
        throw sdk::AwsError::validation(std::string(kSortKeyTooLargeMessage));
    }
}

}  // namespace floci::dynamodb
