#include "expressions/projection.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace floci::dynamodb::expr {
namespace {

// The requested paths as a tree. A node with `whole` set copies the entire value.
struct Node {
    bool whole = false;
    std::map<std::string, Node, std::less<>> names;
    std::map<std::uint32_t, Node> indexes;
};

std::optional<AttributeValue> copy(const AttributeValue& src, const Node& node) {
    if (node.whole) return src;
    if (const auto* map = src.get_if<AttributeMap>()) {
        AttributeMap out;
        for (const auto& [name, child] : node.names) {
            auto it = map->find(name);
            if (it == map->end()) continue;
            if (auto v = copy(it->second, child)) out.emplace(name, std::move(*v));
        }
        if (out.empty()) return std::nullopt;
        return AttributeValue(std::move(out));
    }
    if (const auto* list = src.get_if<AttributeList>()) {
        AttributeList out;
        for (const auto& [index, child] : node.indexes) {
            if (index >= list->size()) continue;
            if (auto v = copy((*list)[index], child)) out.push_back(std::move(*v));
        }
        if (out.empty()) return std::nullopt;
        return AttributeValue(std::move(out));
    }
    return std::nullopt;
}

}  // namespace

Item project(const std::vector<Path>& paths, const Item& item) {
    Node root;
    for (const auto& path : paths) {
        Node* node = &root;
        for (const auto& e : path.elements) {
            node = e.is_index() ? &node->indexes[e.index] : &node->names[e.name];
        }
        node->whole = true;
    }
    Item out;
    for (const auto& [name, child] : root.names) {
        auto it = item.find(name);
        if (it == item.end()) continue;
        if (auto v = copy(it->second, child)) out.emplace(name, std::move(*v));
    }
    return out;
}

}  // namespace floci::dynamodb::expr
