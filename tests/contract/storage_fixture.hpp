#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/evaluation.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/rubric.hpp"
#include "tests/support/test_databases.hpp"

namespace chinjeol::storage::testing {

// The audit chain's key of the test storages (32 bytes).
inline constexpr std::string_view kTestAuditKey = "chinjeol-contract-test-audit-key";

// One test on a fresh database of the engine named by the parameter ("sqlite" or "postgres"),
// from tests/support: SQLite in a new temporary folder, PostgreSQL in a new schema of the
// database of CHINJEOL_TEST_PG_URL. Without that variable the PostgreSQL tests are skipped, or
// fail when CHINJEOL_REQUIRE_PG=1.
class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  ports::Storage& storage() { return *storage_; }
  const std::string& url() const { return database_->url(); }
  bool is_postgres() const { return GetParam() == "postgres"; }

  // Closes the storage and opens the same database again (migrations run again).
  void Reopen();

 private:
  std::unique_ptr<chinjeol::testing::TestDatabase> database_;
  std::unique_ptr<ports::Storage> storage_;
};

// Engine names for INSTANTIATE_TEST_SUITE_P.
std::string EngineName(const ::testing::TestParamInfo<std::string>& info);

// A small valid phone rubric with every item type: P01 tiered (ring count), P02 binary and
// critical, P03 level5, P04 checklist (na rescales), P05 binary (na = full marks); the five
// flags of the contract; a critical cap of 60.
rubric::Rubric TestRubric(int version = 1);

// Departments D01 (hq) and D02 (town); employees E001, E002 (D01) and E003 (D02); monitors M01,
// M02; scenarios S01 (D01, phone) and S02 (every department, visit); TestRubric version 1;
// campaign C2021 (2021-05-17 to 2021-09-16, two rounds split at 2021-07-16). Fails the test on
// error.
void SeedProgramme(ports::Storage& storage);

// An approved phone evaluation of C2021 scored under TestRubric: E001 by M01 with S01 on
// 2021-05-20 10:05 (round 1), every item observed.
evaluation::Evaluation SampleEvaluation(const std::string& code);

// Observations for TestRubric: ring count `rings`, and the rest as given.
std::vector<rubric::ItemObservation> TestObservations(int rings, bool greeted, int level,
                                                      bool checklist_applies);

// `evaluation` scored under `rubric` (or left unscored when its flags say so).
void Score(evaluation::Evaluation& evaluation, const rubric::Rubric& rubric);

// Writes `evaluations` (line numbers from 2) in one transaction; fails the test on any error.
void WriteEvaluations(ports::Storage& storage,
                      const std::vector<evaluation::Evaluation>& evaluations);

// Every evaluation of the campaign, in the order ForEachEvaluation gives.
std::vector<evaluation::Evaluation> ReadEvaluations(ports::Storage& storage,
                                                    const std::string& campaign_code);

// Field-by-field equality of two evaluations (the id excepted), as gtest expectations.
void ExpectSameEvaluation(const evaluation::Evaluation& actual,
                          const evaluation::Evaluation& expected);

}  // namespace chinjeol::storage::testing
