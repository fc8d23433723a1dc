#include "expressions/parse_cache.hpp"

#include <string>
#include <unordered_map>

namespace floci::dynamodb::expr {
namespace {

// A bound on memory: a thread that has seen this many distinct texts starts over.
constexpr std::size_t kMaxEntries = 512;

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

template <class Ast>
using Cache = std::unordered_map<std::string, Ast, TextHash, std::equal_to<>>;

template <class Ast, class Parse>
Ast lookup(Cache<Ast>& cache, std::string_view key, Parse&& parse) {
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    Ast parsed = parse();  // throws on a syntax error: nothing is cached
    if (cache.size() >= kMaxEntries) cache.clear();
    cache.emplace(std::string(key), parsed);
    return parsed;
}

}  // namespace

Condition cached_parse_condition(std::string_view text, ExpressionKind kind) {
    // The kind decides the error texts and which functions are legal, so it is part of the key.
    thread_local Cache<Condition> cache;
    thread_local std::string key;
    key.assign(1, static_cast<char>(kind));
    key.append(text);
    return lookup(cache, key, [&] { return parse_condition(text, kind); });
}

UpdateExpression cached_parse_update(std::string_view text) {
    thread_local Cache<UpdateExpression> cache;
    return lookup(cache, text, [&] { return parse_update(text); });
}

ProjectionExpression cached_parse_projection(std::string_view text) {
    thread_local Cache<ProjectionExpression> cache;
    return lookup(cache, text, [&] { return parse_projection(text); });
}

}  // namespace floci::dynamodb::expr
