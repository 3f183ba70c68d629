#pragma once

#include "adapters/storage/sql/connection.hpp"
#include "core/common/result.hpp"

namespace chinjeol::storage {

// The schema version this program writes: the number of its migrations.
int LatestSchemaVersion(sql::Dialect dialect);

// Brings the schema up to date in one transaction: creates the schema_version table when
// missing and runs the migrations after the recorded version, recording each. Concurrent
// openers wait for each other. kFailedPrecondition when the database has a newer schema than
// this program knows.
Result<void> Migrate(sql::Connection& connection);

}  // namespace chinjeol::storage
