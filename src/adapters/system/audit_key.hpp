#pragma once

#include <string>

#include "core/common/result.hpp"

namespace chinjeol::system {

// The 32-byte key of the audit chain, kept in `path` as 64 hex digits outside the database, so
// that someone holding a copy of the database cannot recompute the chain nor test guesses
// against its hashes. The file is created on first use (random key, mode 0600; two processes
// starting together get the same key) and refused when others than its owner may read or
// write it (kFailedPrecondition), or when it does not hold a key (kInvalidArgument).
Result<std::string> LoadOrCreateAuditKey(const std::string& path);

}  // namespace chinjeol::system
