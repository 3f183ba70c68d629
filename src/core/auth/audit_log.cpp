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

std::string ChainText(std::string_view version, const AuditEntry& entry) {
  std::string text(version);
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

constexpr std::string_view kKeyCheckPrefix = "keyed chain starts; key check ";

}  // namespace

std::string AuditChainText(const AuditEntry& entry) {
  return ChainText("chinjeol-audit-v1\n", entry);
}

std::string AuditKeyedChainText(const AuditEntry& entry) {
  return ChainText("chinjeol-audit-v2-hmac\n", entry);
}

AuditEntry AuditKeyedMarker(std::string at, std::string_view key_check) {
  AuditEntry entry;
  entry.at = std::move(at);
  entry.login = "system";
  entry.role = "system";
  entry.ip = "local";
  entry.action = std::string(kAuditKeyedMarkerAction);
  entry.subject_kind = std::string(kSubjectAuditLog);
  entry.subject = "*";
  entry.detail = std::string(kKeyCheckPrefix) + std::string(key_check.substr(0, 16));
  return entry;
}

bool IsAuditKeyedMarker(const AuditEntry& entry) {
  return entry.action == kAuditKeyedMarkerAction && entry.subject_kind == kSubjectAuditLog &&
         entry.detail.starts_with(kKeyCheckPrefix);
}

bool AuditChainVerifier::Add(const AuditEntry& entry) {
  if (!verification_.intact) return false;
  ++verification_.checked;
  const auto broken = [&](std::string problem) {
    verification_.intact = false;
    verification_.first_broken_id = entry.id;
    verification_.problem = "row " + std::to_string(entry.id) + " " + std::move(problem);
    return false;
  };
  if (entry.prev_hash != expected_prev_) {
    return broken("does not follow the row before it (a row was removed or inserted)");
  }
  if (!verification_.keyed_from && IsAuditKeyedMarker(entry)) verification_.keyed_from = entry.id;
  if (verification_.keyed_from) {
    if (mac_(AuditKeyedChainText(entry)) != entry.row_hash) {
      return broken(sha256_(AuditChainText(entry)) == entry.row_hash
                        ? "is not keyed although the keyed chain had started"
                        : "was changed after it was written (or the key is not the log's)");
    }
  } else {
    if (sha256_(AuditChainText(entry)) != entry.row_hash) {
      return broken("was changed after it was written");
    }
    ++verification_.unkeyed;
  }
  expected_prev_ = entry.row_hash;
  verification_.head_hash = entry.row_hash;
  return true;
}

AuditVerification VerifyAuditChain(std::span<const AuditEntry> entries, const Sha256Hex& sha256,
                                   const AuditMacHex& mac) {
  AuditChainVerifier verifier(sha256, mac);
  for (const AuditEntry& entry : entries) {
    if (!verifier.Add(entry)) break;
  }
  return verifier.result();
}

}  // namespace chinjeol::auth
