#pragma once

#include "adapters/cli/cli.hpp"

namespace chinjeol::app {

// The adapters chinjeol runs with: storage by URL (SQLite, PostgreSQL), CSV/XLSX/JSON files,
// the rubric codec with the built-in default rubrics and holidays, Argon2id hashing. Used by
// main and by the command-line tests, so that both run the same wiring.
cli::Services MakeServices();

}  // namespace chinjeol::app
