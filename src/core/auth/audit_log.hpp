#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::auth {

// What kind of record an audited read touched.
inline constexpr std::string_view kSubjectEmployee = "employee";    // one employee's data
inline constexpr std::string_view kSubjectEmployees = "employees";  // a list; subject = scope
inline constexpr std::string_view kSubjectMonitor = "monitor";      // a monitor's identity
inline constexpr std::string_view kSubjectMonitors = "monitors";    // the monitor list
inline constexpr std::string_view kSubjectPlan = "plan";            // unreleased assignments
inline constexpr std::string_view kSubjectAuditLog = "audit_log";   // the log itself
inline constexpr std::string_view kSubjectAccount = "account";      // sign-in, password

// One line of the access log (Personal Information Protection Act): who, when, from where,
// whose data, what. Rows are chained: row_hash = SHA-256 of prev_hash and the row's fields, so
// that a changed, inserted or deleted row breaks the chain.
struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  // UTC, "2024-05-17T10:05:00Z"
  std::optional<std::int64_t> user_id;
  std::string login;
  std::string role;
  std::string ip;
  std::string action;        // e.g. "GET /api/evaluations/{id}"
  std::string subject_kind;  // one of kSubject*
  std::string subject;       // e.g. the employee number, monitor code, campaign code, "*"
  std::string detail;        // e.g. the record id; never free text typed by people
  std::string prev_hash;     // row_hash of the row before (kAuditGenesisHash for the first)
  std::string row_hash;
};

inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The exact bytes that row_hash covers: prev_hash and every field but id and row_hash,
// separated so that no two different rows give the same text.
std::string AuditChainText(const AuditEntry& entry);

// SHA-256 of the bytes, as 64 lower-case hex digits (supplied by an adapter).
using Sha256Hex = std::function<std::string(std::string_view bytes)>;

struct AuditVerification {
  bool intact = true;
  long checked = 0;
  std::optional<std::int64_t> first_broken_id;  // the first row that does not fit the chain
  std::string problem;
};

// Checks a whole chain given oldest first: each prev_hash equals the row_hash before it (the
// genesis hash for the first), and each row_hash is the hash of AuditChainText.
AuditVerification VerifyAuditChain(std::span<const AuditEntry> entries, const Sha256Hex& sha256);

struct AuditQuery {
  std::optional<std::string> subject;  // exact subject, e.g. an employee number
  std::optional<std::string> login;
  long offset = 0;
  long limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  long total = 0;
};

// The append-only access log.
class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends the entries in order, chaining each to the last row (the storage serialises
  // appends, also across servers). id, prev_hash and row_hash are filled in here.
  virtual Result<void> Append(const std::vector<AuditEntry>& entries) = 0;
  virtual Result<AuditPage> List(const AuditQuery& query) const = 0;
  // Visits every entry oldest first (for verification).
  virtual Result<void> ForEachEntry(
      const std::function<Result<void>(const AuditEntry&)>& visit) const = 0;
};

}  // namespace chinjeol::auth
