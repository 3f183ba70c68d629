#include "core/auth/audit_log.hpp"

namespace chinjeol::auth {
namespace {

// Each field is written with its length, so separators inside values cannot shift fields.
void AppendField(std::string& text, std::string_view field) {
  text += std::to_string(field.size());
  text += ':';
  text += field;
  text += '\n';
}

}  // namespace

std::string AuditChainText(const AuditEntry& entry) {
  std::string text = "chinjeol-audit-v1\n";
  AppendField(text, entry.prev_hash);
  AppendField(text, entry.at);
  AppendField(text, entry.user_id ? std::to_string(*entry.user_id) : std::string());
  AppendField(text, entry.login);
  AppendField(text, entry.role);
  AppendField(text, entry.ip);
  AppendField(text, entry.action);
  AppendField(text, entry.subject_kind);
  AppendField(text, entry.subject);
  AppendField(text, entry.detail);
  return text;
}

AuditVerification VerifyAuditChain(std::span<const AuditEntry> entries, const Sha256Hex& sha256) {
  AuditVerification verification;
  std::string expected_prev(kAuditGenesisHash);
  for (const AuditEntry& entry : entries) {
    ++verification.checked;
    if (entry.prev_hash != expected_prev) {
      verification.intact = false;
      verification.first_broken_id = entry.id;
      verification.problem = "row " + std::to_string(entry.id) +
                             " does not follow the row before it (a row was removed or inserted)";
      return verification;
    }
    if (sha256(AuditChainText(entry)) != entry.row_hash) {
      verification.intact = false;
      verification.first_broken_id = entry.id;
      verification.problem =
          "row " + std::to_string(entry.id) + " was changed after it was written";
      return verification;
    }
    expected_prev = entry.row_hash;
  }
  return verification;
}

}  // namespace chinjeol::auth
