#pragma once
// The checks a Query or Scan makes once its table is known: IndexName, the starting key
// against the key schema, and paths that look inside key attributes. Texts are AWS's as
// dynalite's actions/query.js and scan.js reproduce them.
#include <string>

#include "api/read_request.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

enum class ReadKind : unsigned char { kQuery, kScan };

// The index IndexName names (null without IndexName), or "The table does not have the
// specified index: <name>"; a GSI still being built cannot be read ("Cannot read from
// backfilling global secondary index: <name>", as AWS answers); on a GSI, ConsistentRead and
// Select ALL_ATTRIBUTES on a projection other than ALL are refused. The pointer is into `meta`.
const IndexMeta* check_index(const TableMeta& meta, const ReadRequest& request, ReadKind kind);
bool is_global(const TableMeta& meta, const IndexMeta& index);

// ExclusiveStartKey on an index: exactly the index's and the table's key attributes (as the
// LastEvaluatedKey of an index read carries them), encoded as the index space's key.
std::string bind_index_start_key(const KeySchema& table, const KeySchema& index, const Item& start,
                                 ReadKind kind);

// The encoded key of ExclusiveStartKey: exactly the table's key attributes with the schema's
// types ("The provided starting key is invalid", "The provided key element does not match
// the schema"), and valid key values.
std::string bind_start_key(const KeySchema& schema, const Item& start, ReadKind kind);

// Query: the starting key must lie inside the key condition ("The provided starting key is
// outside query boundaries based on provided conditions", "... does not match the range key
// predicate").
void check_start_in_condition(const KeySchema& schema, const Item& start,
                              const expr::KeyCondition& condition);

// "Key attributes must be scalars; ..." for a projection or filter path inside a key
// attribute; Query also refuses a filter on a key attribute at all.
void check_read_paths(const TableMeta& meta, const ReadRequest& request, ReadKind kind,
                      const IndexMeta* index);

// Query: AWS refuses BETWEEN bounds in the wrong order rather than returning nothing.
void check_between_order(const expr::KeyCondition& condition);

}  // namespace floci::dynamodb::api
