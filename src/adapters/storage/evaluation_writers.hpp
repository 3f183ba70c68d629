#pragma once

#include <memory>

#include "adapters/storage/database.hpp"
#include "core/evaluation/evaluation_repository.hpp"

namespace chinjeol::storage {

// Writers for bulk evaluation imports. Both load the code -> id maps of the organisation,
// campaigns and rubric versions once, so memory grows with the organisation, not with the
// number of evaluations. Add fails at once (kInvalidArgument naming the line) for a code that
// is not in those maps. Codes the campaign already has, in the database or earlier in the
// batch, come back from Finish as violations with their lines; then nothing of the batch is
// kept if the writer runs its own transaction (outside the caller's, committed by Finish and
// rolled back when the writer is dropped unfinished). One writer at a time per storage:
// kFailedPrecondition while another is open.

// SQLite: rows are inserted on a thread of the writer's own, through one reused prepared
// INSERT, while the caller reads the next ones; the UNIQUE constraint catches repeated codes.
// Statements of the caller wait until the rows handed over so far are in.
Result<std::unique_ptr<evaluation::EvaluationWriter>> OpenSqliteEvaluationWriter(
    Database& database);

// PostgreSQL: COPY into a temporary staging table that keeps each row's line; Finish reports
// repeated and existing codes with their lines, or moves the batch into evaluations.
Result<std::unique_ptr<evaluation::EvaluationWriter>> OpenPostgresEvaluationWriter(
    Database& database);

}  // namespace chinjeol::storage
