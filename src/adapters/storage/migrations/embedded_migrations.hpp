#pragma once

#include <string_view>

// The SQL migrations compiled into the program, one set per dialect (both have a
// "0001_init.sql", so each set has its own lookup). Empty when there is no such file.
namespace chinjeol::storage::sqlite_migrations {
std::string_view Embedded(std::string_view base_name);
}  // namespace chinjeol::storage::sqlite_migrations

namespace chinjeol::storage::postgres_migrations {
std::string_view Embedded(std::string_view base_name);
}  // namespace chinjeol::storage::postgres_migrations
