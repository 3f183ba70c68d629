#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
// whose data, what. Rows are chained: row_hash = HMAC-SHA-256, under a key kept outside the
// database, of prev_hash and the row's fields, so that a changed, inserted or deleted row breaks
// the chain and nobody without the key can test a guess of a field against a hash. Rows written
// before the chain was keyed (plain SHA-256) stay as they were, up to the marker row that starts
// the keyed chain.
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
  bool keyed = false;  // read back: the row belongs to the keyed chain (the marker or after)
};

inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The row that starts the keyed chain: its detail holds the key's check value.
inline constexpr std::string_view kAuditKeyedMarkerAction = "KEY audit-chain";

// The exact bytes that row_hash covers: prev_hash and every field but id and row_hash,
// separated so that no two different rows give the same text. The keyed chain has its own
// version line, so that no row can be moved from one chain to the other.
std::string AuditChainText(const AuditEntry& entry);       // unkeyed rows (SHA-256)
std::string AuditKeyedChainText(const AuditEntry& entry);  // keyed rows (HMAC)

// The marker row that starts the keyed chain, and whether a row is one. `key_check` is the
// MAC of a fixed text: it shows which key the chain uses without revealing it.
AuditEntry AuditKeyedMarker(std::string at, std::string_view key_check);
bool IsAuditKeyedMarker(const AuditEntry& entry);
inline constexpr std::string_view kAuditKeyCheckText = "chinjeol-audit-key-check";

// SHA-256 of the bytes, or their HMAC-SHA-256 under the chain's key, as 64 lower-case hex
// digits (supplied by an adapter).
using Sha256Hex = std::function<std::string(std::string_view bytes)>;
using AuditMacHex = std::function<std::string(std::string_view bytes)>;

struct AuditVerification {
  bool intact = true;
  long checked = 0;
  long unkeyed = 0;                             // rows before the keyed chain
  std::optional<std::int64_t> keyed_from;       // id of the marker row
  std::optional<std::int64_t> first_broken_id;  // the first row that does not fit the chain
  std::string problem;
  std::string head_hash;  // row_hash of the last row checked (the genesis hash when empty)
};

// Checks a chain row by row, oldest first: each prev_hash equals the row_hash before it (the
// genesis hash for the first), rows before the marker carry the SHA-256 of AuditChainText, the
// marker and every later row the MAC of AuditKeyedChainText. After the marker, an unkeyed row
// is a break.
class AuditChainVerifier {
 public:
  AuditChainVerifier(Sha256Hex sha256, AuditMacHex mac)
      : sha256_(std::move(sha256)), mac_(std::move(mac)) {
    verification_.head_hash = std::string(kAuditGenesisHash);
  }
  // false once the chain is broken (later rows are not looked at).
  bool Add(const AuditEntry& entry);
  const AuditVerification& result() const { return verification_; }

 private:
  Sha256Hex sha256_;
  AuditMacHex mac_;
  AuditVerification verification_;
  std::string expected_prev_ = std::string(kAuditGenesisHash);
};

AuditVerification VerifyAuditChain(std::span<const AuditEntry> entries, const Sha256Hex& sha256,
                                   const AuditMacHex& mac);

struct AuditQuery {
  std::optional<std::string> subject;  // exact subject, e.g. an employee number
  std::optional<std::string> login;
  // Rows of monitors' accounts are shown to everyone but the admin with their fields hidden:
  // then the filters never match such a row (neither in the page nor in its total), so that a
  // search cannot tell whose data a monitor opened.
  bool filters_skip_monitor_rows = false;
  long offset = 0;
  long limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  long total = 0;
};

// The end of the chain, for keeping outside the database (write-once storage): anyone holding
// an earlier head can later check that the log still contains it.
struct AuditHead {
  long entries = 0;
  std::optional<std::int64_t> last_id;
  std::string head_hash;  // the genesis hash when the log is empty
};

// The append-only access log.
class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends the entries in order, chaining each to the last row (the storage serialises
  // appends, also across servers). id, prev_hash and row_hash are filled in here. The first
  // keyed append writes the marker row first; kFailedPrecondition when the storage has no key
  // or a key other than the one the chain was started with.
  virtual Result<void> Append(const std::vector<AuditEntry>& entries) = 0;
  virtual Result<AuditPage> List(const AuditQuery& query) const = 0;
  // Visits every entry oldest first (for verification).
  virtual Result<void> ForEachEntry(
      const std::function<Result<void>(const AuditEntry&)>& visit) const = 0;
  // Checks the whole chain with the storage's key.
  virtual Result<AuditVerification> Verify() const = 0;
  virtual Result<AuditHead> Head() const = 0;
};

}  // namespace chinjeol::auth
