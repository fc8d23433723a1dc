#pragma once
// Request ids in UUID v4 form, as AWS sends in x-amzn-RequestId. A thread-local generator keeps
// this off any lock; the ids need to be unique, not unpredictable.
#include <string>

namespace floci::host {

// Writes a fresh 36-character id into `out` (replacing its contents).
void make_request_id(std::string& out);

}  // namespace floci::host
