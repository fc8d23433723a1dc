#include "api/gsi_updates.hpp"

#include <algorithm>
#include <floci/sdk/aws_error.hpp>
#include <set>

#include "storage/index_maintainer.hpp"

namespace floci::dynamodb::api {
namespace {

namespace json = boost::json;
using sdk::AwsError;

// Service quotas, "Secondary indexes per table": 20 global. Past it UpdateTable answers
// LimitExceededException where CreateTable answers ValidationException.
constexpr std::size_t kMaxGlobalIndexes = 20;

const json::object kEmpty;

[[noreturn]] void invalid(const std::string& message) {
    throw AwsError::validation(std::string(kInvalidParameters) + message);
}

AwsError limit_exceeded(std::string message) {
    return {"LimitExceededException", std::move(message)};
}

std::string read_name(const Fields& f, const std::string& path, Constraints& c) {
    auto name = f.string("IndexName");
    c.not_null(f.raw("IndexName"), path + ".indexName");
    c.name(name, path + ".indexName");
    return std::string(name.value_or(""));
}

template <class List>
auto find_named(List& list, const std::string& name) {
    return std::find_if(list.begin(), list.end(), [&](const auto& i) { return i.name == name; });
}

bool is_local(const TableMeta& meta, const std::string& name) {
    return find_named(meta.local_indexes, name) != meta.local_indexes.end();
}

[[noreturn]] void index_not_found(const TableMeta& meta, const std::string& name) {
    throw AwsError::resource_not_found("Requested resource not found: Index " + name +
                                       " for table " + meta.name);
}

auto find_named_definition(std::vector<AttributeDefinition>& list, const std::string& name) {
    return std::find_if(list.begin(), list.end(),
                        [&](const AttributeDefinition& d) { return d.name == name; });
}

// Definitions an index key may use: the table's (its key types cannot change), then the
// request's for new attributes.
std::vector<AttributeDefinition> merged_definitions(const std::vector<AttributeDefinition>& given,
                                                    const std::vector<AttributeDefinition>& table) {
    std::vector<AttributeDefinition> out = table;
    for (const auto& d : given)
        if (find_named_definition(out, d.name) == out.end()) out.push_back(d);
    return out;
}

// Only the attributes some key uses stay defined: AWS prunes a deleted index's attributes.
void prune_definitions(TableMeta& meta) {
    std::set<std::string> used{meta.key.hash.name};
    if (meta.key.range) used.insert(meta.key.range->name);
    for (const IndexMeta* index : all_indexes(meta)) {
        used.insert(index->key.hash.name);
        if (index->key.range) used.insert(index->key.range->name);
    }
    std::erase_if(meta.attribute_definitions,
                  [&](const AttributeDefinition& d) { return !used.contains(d.name); });
}

void create_index(const GsiAction& action,
                  const std::optional<std::vector<AttributeDefinition>>& definitions,
                  TableMeta& meta, GsiChange& change) {
    const auto& name = action.index.name;
    if (is_local(meta, name) || find_named(meta.global_indexes, name) != meta.global_indexes.end())
        throw AwsError::validation("Attempting to create an index which already exists");
    if (!definitions) invalid("AttributeDefinitions is not specified for index: " + name);
    if (meta.global_indexes.size() >= kMaxGlobalIndexes)
        throw limit_exceeded(
            "Subscriber limit exceeded: The number of global secondary indexes per table exceeds "
            "the limit of " +
            std::to_string(kMaxGlobalIndexes));
    TableMeta scratch;
    scratch.attribute_definitions = merged_definitions(*definitions, meta.attribute_definitions);
    auto created =
        check_global_indexes(std::vector<IndexRequest>{action.index}, scratch, meta.on_demand);
    IndexMeta index = std::move(created.front());
    index.added_later = true;
    index.creating = true;  // until its build has copied the table's items
    for (const auto* key : {&index.key.hash, index.key.range ? &*index.key.range : nullptr})
        if (key && find_named_definition(meta.attribute_definitions, key->name) ==
                       meta.attribute_definitions.end())
            meta.attribute_definitions.push_back(
                *find_named_definition(scratch.attribute_definitions, key->name));
    meta.global_indexes.push_back(index);
    change.created = std::move(index);
}

void delete_index(const GsiAction& action, TableMeta& meta, GsiChange& change) {
    const auto& name = action.index.name;
    if (is_local(meta, name))
        throw AwsError::validation("Cannot delete an index that is not a GlobalSecondaryIndex: " +
                                   name);
    auto it = find_named(meta.global_indexes, name);
    if (it == meta.global_indexes.end()) index_not_found(meta, name);
    change.deleted = *it;
    meta.global_indexes.erase(it);
    prune_definitions(meta);
}

void update_index(const GsiAction& action, TableMeta& meta, GsiChange& change) {
    const auto& name = action.index.name;
    if (is_local(meta, name))
        throw AwsError::validation("Cannot update an index that is not a GlobalSecondaryIndex: " +
                                   name);
    auto it = find_named(meta.global_indexes, name);
    if (it == meta.global_indexes.end()) index_not_found(meta, name);
    const auto& t = action.index.throughput;
    if (meta.on_demand)
        invalid("ProvisionedThroughput should not be specified for index: " + name +
                " when BillingMode is PAY_PER_REQUEST");
    check_throughput_bounds(t);
    it->throughput = {*t.read, *t.write};
    change.updated.push_back(name);
}

}  // namespace

std::vector<GsiAction> read_gsi_actions(const json::array& list, Constraints& c) {
    std::vector<GsiAction> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "globalSecondaryIndexUpdates." + std::to_string(i + 1) + ".member";
        const auto* member = as_structure(list[i]);
        Fields f(member ? *member : kEmpty);
        GsiAction action;
        if (const auto* update = f.structure("Update")) {
            Fields u(*update);
            action = {GsiAction::Kind::kUpdate, {}, action.given + 1};
            action.index.name = read_name(u, path + ".update", c);
            c.not_null(u.raw("ProvisionedThroughput"), path + ".update.provisionedThroughput");
            action.index.throughput = read_throughput(u, "ProvisionedThroughput",
                                                      path + ".update.provisionedThroughput", c);
        }
        if (f.structure("Create")) {
            int given = action.given + 1;
            action = {GsiAction::Kind::kCreate,
                      read_index(f.object().at("Create"), path + ".create", c, true), given};
        }
        if (const auto* del = f.structure("Delete")) {
            int given = action.given + 1;
            action = {GsiAction::Kind::kDelete, {}, given};
            action.index.name = read_name(Fields(*del), path + ".delete", c);
        }
        out.push_back(std::move(action));
    }
    return out;
}

void check_gsi_actions(const std::vector<GsiAction>& actions) {
    std::set<std::string> names;
    for (const auto& action : actions) {
        if (action.given == 0)
            invalid(
                "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                "GlobalSecondaryIndexUpdate.Delete must not be null");
        if (action.given > 1)
            invalid(
                "Only one global secondary index action is allowed per "
                "GlobalSecondaryIndexUpdate object");
        if (!names.insert(action.index.name).second)
            invalid(
                "Only one global secondary index update per index is allowed simultaneously. "
                "Index: " +
                action.index.name);
    }
}

GsiChange apply_gsi_actions(const std::vector<GsiAction>& actions,
                            const std::optional<std::vector<AttributeDefinition>>& definitions,
                            TableMeta& meta) {
    auto structural = std::count_if(actions.begin(), actions.end(), [](const GsiAction& a) {
        return a.kind != GsiAction::Kind::kUpdate;
    });
    // While a GSI is being created no other can be created or deleted; the one being created
    // may be deleted, which stops its build (API reference, GlobalSecondaryIndexDescription).
    const auto building = std::find_if(meta.global_indexes.begin(), meta.global_indexes.end(),
                                       [](const IndexMeta& i) { return i.creating; });
    const bool blocked = std::any_of(actions.begin(), actions.end(), [&](const GsiAction& a) {
        return building != meta.global_indexes.end() && a.kind != GsiAction::Kind::kUpdate &&
               !(a.kind == GsiAction::Kind::kDelete && a.index.name == building->name);
    });
    if (structural > 1 || blocked)
        throw limit_exceeded(
            "Subscriber limit exceeded: Only 1 online index can be created or deleted "
            "simultaneously per table");
    GsiChange change;
    for (const auto& action : actions) {
        switch (action.kind) {
            case GsiAction::Kind::kCreate:
                create_index(action, definitions, meta, change);
                break;
            case GsiAction::Kind::kDelete:
                delete_index(action, meta, change);
                break;
            case GsiAction::Kind::kUpdate:
                update_index(action, meta, change);
                break;
        }
    }
    return change;
}

}  // namespace floci::dynamodb::api
