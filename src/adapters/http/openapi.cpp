// The OpenAPI 3 document, generated from the route table so that it cannot drift from it.
#include <boost/json.hpp>

#include "adapters/http/api.hpp"
#include "adapters/http/internal/call.hpp"

namespace chinjeol::http {
namespace {

// Shapes of the bodies. Field names as docs/api.md describes them.
constexpr std::string_view kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
    "required": ["code", "message"], "properties": {
      "code": {"type": "string", "enum": ["invalid_argument", "not_found", "already_exists",
        "failed_precondition", "unauthenticated", "permission_denied", "unavailable",
        "internal"]},
      "message": {"type": "string"},
      "fields": {"type": "array", "items": {"type": "object", "properties": {
        "field": {"type": "string"}, "message": {"type": "string"}}}}}}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string"}}},
  "OpenApi": {"type": "object"},
  "Empty": {"type": "object", "additionalProperties": false},
  "SignIn": {"type": "object", "required": ["login", "password"], "additionalProperties": false,
    "properties": {"login": {"type": "string"}, "password": {"type": "string"}}},
  "User": {"type": "object", "properties": {"login": {"type": "string"},
    "role": {"type": "string", "enum": ["admin", "monitor", "reviewer", "coach",
      "department_head", "employee", "auditor"]},
    "display_name": {"type": "string"}, "active": {"type": "boolean"},
    "employee_no": {"type": "string"}, "department_code": {"type": "string"},
    "monitor_code": {"type": "string", "description": "the monitor themself and the admin only"},
    "caseload": {"type": "array", "items": {"type": "string"}}}},
  "Session": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"},
    "csrf_token": {"type": "string"}}},
  "PasswordChange": {"type": "object", "required": ["current_password", "new_password"],
    "additionalProperties": false, "properties": {"current_password": {"type": "string"},
    "new_password": {"type": "string"}}},
  "UserList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/User"}}}},
  "NewUser": {"type": "object", "required": ["login", "password", "role"],
    "additionalProperties": false, "properties": {"login": {"type": "string"},
    "password": {"type": "string"}, "role": {"type": "string"},
    "display_name": {"type": "string"}, "employee_no": {"type": "string"},
    "monitor_code": {"type": "string"}, "department_code": {"type": "string"}}},
  "UserChange": {"type": "object", "additionalProperties": false, "properties": {
    "active": {"type": "boolean"}, "caseload": {"type": "array", "items": {"type": "string"}}}},
  "Campaign": {"type": "object", "properties": {"code": {"type": "string"},
    "name": {"type": "string"}, "start": {"type": "string", "format": "date"},
    "end": {"type": "string", "format": "date"},
    "rounds": {"type": "array", "items": {"type": "object", "properties": {
      "number": {"type": "integer"}, "start": {"type": "string"}, "end": {"type": "string"}}}},
    "phone_per_round": {"type": "integer"}, "visit_per_round": {"type": "integer"},
    "lunch": {"type": "string"}, "results_released_at": {"type": ["string", "null"]},
    "objection_deadline": {"type": ["string", "null"]},
    "counts": {"type": "object", "description": "admin and reviewers only", "properties": {
      "evaluations": {"type": "integer"}, "approved": {"type": "integer"},
      "pending": {"type": "integer"}, "void_or_unanswered": {"type": "integer"},
      "employees_evaluated": {"type": "integer"}}}}},
  "CampaignList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Campaign"}}}},
  "ResultsRelease": {"type": "object", "additionalProperties": false, "properties": {
    "objection_deadline": {"type": "string", "format": "date",
      "description": "default: 14 days after today"}}},
  "Release": {"type": "object", "properties": {"campaign": {"type": "string"},
    "released_at": {"type": "string"}, "objection_deadline": {"type": "string"}}},
  "Assignment": {"type": "object", "properties": {"code": {"type": "string"},
    "campaign": {"type": "string"}, "round": {"type": "integer"},
    "channel": {"type": "string"}, "employee_no": {"type": "string"},
    "employee_name": {"type": "string"}, "phone": {"type": "string"},
    "department_code": {"type": "string"}, "department_name": {"type": "string"},
    "date": {"type": "string"}, "start": {"type": "string"},
    "duration_minutes": {"type": "integer"}, "monitor_code": {"type": "string"},
    "scenario_code": {"type": "string"}, "scenario_title": {"type": "string"},
    "release_at": {"type": "string"}, "status": {"type": "string"},
    "released": {"type": "boolean"}, "evaluation_id": {"type": ["integer", "null"]}}},
  "AssignmentList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Assignment"}}}},
  "AssignmentPage": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Assignment"}}, "page": {"type": "integer"},
    "page_size": {"type": "integer"}, "total": {"type": "integer"},
    "unreleased": {"type": "integer"}}},
  "EvaluationSummary": {"type": "object", "properties": {"id": {"type": "integer"},
    "code": {"type": "string"}, "campaign": {"type": "string"},
    "employee_no": {"type": "string"}, "employee_name": {"type": "string"},
    "department_code": {"type": "string"},
    "monitor": {"type": "object", "description": "admin and the monitor themself",
      "properties": {"code": {"type": "string"}, "name": {"type": "string"}}},
    "monitor_ref": {"type": "string", "description": "pseudonym, for reviewers"},
    "scenario_code": {"type": "string"}, "channel": {"type": "string"},
    "performed_at": {"type": "string"}, "round": {"type": "integer"},
    "state": {"type": "string", "enum": ["draft", "submitted", "returned", "approved", "void"]},
    "score": {"type": ["number", "null"]}, "flags": {"type": "array",
      "items": {"type": "string"}}}},
  "EvaluationPage": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/EvaluationSummary"}}, "page": {"type": "integer"},
    "page_size": {"type": "integer"}, "total": {"type": "integer"}}},
  "Evaluation": {"allOf": [{"$ref": "#/components/schemas/EvaluationSummary"},
    {"type": "object", "properties": {
      "rubric": {"type": "object", "properties": {"code": {"type": "string"},
        "version": {"type": "integer"}}},
      "observations": {"type": "object", "additionalProperties": {"type": "string"},
        "description": "item id -> observation as in evaluation files (\"4a\", \"1\", \"na\")"},
      "score_detail": {"type": ["object", "null"], "properties": {
        "total": {"type": "number"}, "capped": {"type": "boolean"},
        "items": {"type": "array", "items": {"type": "object"}},
        "stages": {"type": "array", "items": {"type": "object"}}}},
      "review_reason": {"type": "string"}, "notes": {"type": "string"},
      "recording": {"type": ["object", "null"]}}}]},
  "NewEvaluation": {"type": "object", "required": ["campaign", "assignment_code"],
    "additionalProperties": false, "properties": {"campaign": {"type": "string"},
    "assignment_code": {"type": "string"}, "employee_no": {"type": "string",
      "description": "visits: who served"}}},
  "EvaluationChange": {"type": "object", "additionalProperties": false, "properties": {
    "performed_at": {"type": "string"}, "employee_no": {"type": "string"},
    "flags": {"type": "array", "items": {"type": "string"}},
    "observations": {"type": "object", "additionalProperties": {"type": "string"}},
    "notes": {"type": "string"}}},
  "Review": {"type": "object", "required": ["action"], "additionalProperties": false,
    "properties": {"action": {"type": "string", "enum": ["approve", "return", "void"]},
    "reason": {"type": "string"}}},
  "Recording": {"type": "object", "properties": {"content_type": {"type": "string"},
    "size": {"type": "integer"}, "sha256": {"type": "string"},
    "uploaded_at": {"type": "string"}}},
  "Audio": {"type": "string", "format": "binary"},
  "ScoreTable": {"type": "object", "properties": {"campaign": {"type": "string"},
    "level": {"type": "string"}, "method": {"type": "string"},
    "columns": {"type": "array", "items": {"type": "string"}},
    "items": {"type": "array", "items": {"type": "object"}},
    "notes": {"type": "array", "items": {"type": "string"}}}},
  "OwnResults": {"type": "object", "properties": {"campaign": {"type": "string"},
    "released_at": {"type": "string"}, "objection_deadline": {"type": "string"},
    "objections_open": {"type": "boolean"}, "score": {"type": ["object", "null"]},
    "department_name": {"type": "string"},
    "score_sentence": {"oneOf": [{"$ref": "#/components/schemas/Wording"}, {"type": "null"}]},
    "strongest_items": {"type": "array", "items": {"$ref": "#/components/schemas/ItemStanding"}},
    "weakest_items": {"type": "array", "items": {"$ref": "#/components/schemas/ItemStanding"}},
    "evaluations": {"type": "array", "items": {"allOf": [
      {"$ref": "#/components/schemas/EvaluationSummary"},
      {"type": "object", "properties": {"acknowledged": {"type": "boolean"},
        "objection": {"oneOf": [{"$ref": "#/components/schemas/Objection"}, {"type": "null"}]},
        "readable": {"$ref": "#/components/schemas/ReadableContact"}}}]}}}},
  "CoachingRules": {"type": "object", "additionalProperties": false, "properties": {
    "below_score": {"type": ["number", "null"]}, "bottom_share": {"type": ["number", "null"]},
    "weak_probability": {"type": ["number", "null"]}, "max_items": {"type": "integer"}}},
  "CoachingProposal": {"type": "object", "properties": {"proposed": {"type": "integer"},
    "kept": {"type": "integer"}}},
  "CoachingModule": {"type": "object", "properties": {"item_id": {"type": "string"},
    "title": {"$ref": "#/components/schemas/Wording"},
    "good": {"$ref": "#/components/schemas/Wording"},
    "practice": {"$ref": "#/components/schemas/Wording"}}},
  "CoachingModuleChange": {"type": "object", "required": ["title", "good", "practice"],
    "additionalProperties": false, "properties": {
    "title": {"$ref": "#/components/schemas/Wording"},
    "good": {"$ref": "#/components/schemas/Wording"},
    "practice": {"$ref": "#/components/schemas/Wording"}}},
  "CoachingLibrary": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/CoachingModule"}}}},
  "CoachingPlanItem": {"type": "object", "properties": {"item_id": {"type": "string"},
    "name": {"$ref": "#/components/schemas/Wording"}, "probability_weak": {"type": "number"},
    "achievement": {"type": "number"}, "peer_mean": {"type": "number"},
    "guidance": {"oneOf": [{"$ref": "#/components/schemas/CoachingModule"}, {"type": "null"}]}}},
  "CoachingPlanSummary": {"type": "object", "properties": {"id": {"type": "integer"},
    "campaign": {"type": "string"}, "employee_no": {"type": "string"},
    "employee_name": {"type": "string"}, "department_code": {"type": "string"},
    "department_name": {"type": "string"},
    "state": {"type": "string", "enum": ["proposed", "confirmed", "closed"]},
    "adjusted": {"type": ["number", "null"]}, "ci90_low": {"type": ["number", "null"]},
    "ci90_high": {"type": ["number", "null"]},
    "reason": {"$ref": "#/components/schemas/Wording"},
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/CoachingPlanItem"}},
    "coach": {"type": ["object", "null"], "properties": {"login": {"type": "string"},
      "name": {"type": "string"}}},
    "created_at": {"type": "string"}, "confirmed_at": {"type": ["string", "null"]},
    "sessions": {"type": "integer"}, "open_actions": {"type": "integer"},
    "overdue_actions": {"type": "integer"}, "next_follow_up": {"type": ["string", "null"]}}},
  "CoachingPlanList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/CoachingPlanSummary"}}}},
  "CoachingPlan": {"type": "object", "description": "the summary's fields, with the sessions listed and the evidence",
    "properties": {"id": {"type": "integer"},
    "campaign": {"type": "string"}, "employee_no": {"type": "string"},
    "employee_name": {"type": "string"}, "department_code": {"type": "string"},
    "department_name": {"type": "string"},
    "state": {"type": "string", "enum": ["proposed", "confirmed", "closed"]},
    "adjusted": {"type": ["number", "null"]}, "ci90_low": {"type": ["number", "null"]},
    "ci90_high": {"type": ["number", "null"]},
    "reason": {"$ref": "#/components/schemas/Wording"},
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/CoachingPlanItem"}},
    "coach": {"type": ["object", "null"], "properties": {"login": {"type": "string"},
      "name": {"type": "string"}}},
    "created_at": {"type": "string"}, "confirmed_at": {"type": ["string", "null"]},
    "open_actions": {"type": "integer"}, "overdue_actions": {"type": "integer"},
    "next_follow_up": {"type": ["string", "null"]},
    "sessions": {"type": "array", "items": {"$ref": "#/components/schemas/CoachingSession"}},
    "outcome": {"type": ["object", "null"], "description": "after a later release",
      "properties": {"released_at": {"type": "string"}, "adjusted": {"type": "number"},
      "ci90_low": {"type": "number"}, "ci90_high": {"type": "number"},
      "change": {"type": "number"}, "change_low": {"type": "number"},
      "change_high": {"type": "number"}}},
    "evidence": {"type": "array", "items": {"type": "object", "properties": {
      "item_id": {"type": "string"}, "contacts": {"type": "array", "items": {"type": "object",
        "properties": {"performed_at": {"type": "string"}, "channel": {"type": "string"},
        "observed": {"$ref": "#/components/schemas/Wording"},
        "points": {"type": ["number", "null"]}, "max_points": {"type": "number"},
        "note": {"type": "string"}}}}}}}}},
  "PlanConfirmation": {"type": "object", "required": ["coach"], "additionalProperties": false,
    "properties": {"coach": {"type": "string"}}},
  "NewCoachingSession": {"type": "object", "required": ["held_on"],
    "additionalProperties": false, "properties": {
    "held_on": {"type": "string", "format": "date"},
    "discussed": {"type": "array", "items": {"type": "object", "required": ["item_id"],
      "properties": {"item_id": {"type": "string"}, "note": {"type": "string"}}}},
    "notes_shared": {"type": "string"}, "notes_private": {"type": "string"},
    "actions": {"type": "array", "items": {"type": "object", "required": ["text", "due_on"],
      "properties": {"text": {"type": "string"}, "due_on": {"type": "string",
        "format": "date"}}}},
    "follow_up_on": {"type": ["string", "null"], "format": "date"}}},
  "CoachingSession": {"type": "object", "properties": {"id": {"type": "integer"},
    "plan_id": {"type": "integer"}, "held_on": {"type": "string"},
    "coach": {"type": "object", "properties": {"login": {"type": "string"},
      "name": {"type": "string"}}},
    "discussed": {"type": "array", "items": {"type": "object", "properties": {
      "item_id": {"type": "string"}, "name": {"$ref": "#/components/schemas/Wording"},
      "note": {"type": "string"}}}},
    "notes_shared": {"type": "string"},
    "notes_private": {"type": "string", "description": "the coach and the admin only"},
    "actions": {"type": "array", "items": {"type": "object", "properties": {
      "id": {"type": "integer"}, "text": {"type": "string"}, "due_on": {"type": "string"},
      "done_on": {"type": ["string", "null"]}, "overdue": {"type": "boolean"}}}},
    "follow_up_on": {"type": ["string", "null"]},
    "coach_confirmed_at": {"type": ["string", "null"]},
    "employee_confirmed_at": {"type": ["string", "null"]}}},
  "OwnCoaching": {"type": "object", "properties": {"plan": {"oneOf": [
    {"$ref": "#/components/schemas/CoachingPlan"}, {"type": "null"}]}}},
  "Effect": {"type": "object", "properties": {"of": {"type": "string",
    "enum": ["coaching", "training"]}, "estimate": {"type": "number"},
    "ci90_low": {"type": "number"}, "ci90_high": {"type": "number"},
    "shown": {"type": "boolean"}, "treated": {"type": "integer"},
    "comparison": {"type": "integer"}, "treated_contacts": {"type": "integer"},
    "method": {"type": "string"}, "before_after": {"type": ["number", "null"]},
    "difference_in_differences": {"type": ["number", "null"]},
    "conclusion": {"$ref": "#/components/schemas/Wording"}}},
  "TrainingSession": {"type": "object", "properties": {"code": {"type": "string"},
    "date": {"type": "string", "format": "date"}, "topic": {"type": "string"},
    "instructor": {"type": "string"},
    "items": {"type": "array", "items": {"type": "object", "properties": {
      "item_id": {"type": "string"}, "name": {"$ref": "#/components/schemas/Wording"}}}},
    "attendees": {"type": "integer", "description": "how many attended"}}},
  "TrainingList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/TrainingSession"}}}},
  "NewTrainingSession": {"type": "object",
    "required": ["code", "date", "topic", "items", "attendees"],
    "additionalProperties": false, "properties": {
    "code": {"type": "string", "maxLength": 40}, "date": {"type": "string", "format": "date"},
    "topic": {"type": "string", "maxLength": 200},
    "instructor": {"type": "string", "maxLength": 100},
    "items": {"type": "array", "items": {"type": "string"},
      "description": "item ids of a rubric, no repeats"},
    "attendees": {"type": "array", "minItems": 1, "items": {"type": "string"},
      "description": "employee numbers of the roster, no repeats"}}},
  "TrainingCompletionRow": {"type": "object", "properties": {
    "department_code": {"type": "string"}, "department_name": {"type": "string"},
    "employees": {"type": "integer"}, "trained": {"type": "integer"},
    "share": {"type": "number"}}},
  "TrainingCompletion": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/TrainingCompletionRow"}},
    "total": {"type": "object", "properties": {"employees": {"type": "integer"},
      "trained": {"type": "integer"}, "share": {"type": "number"}}}}},
  "TrainingHistory": {"type": "object", "properties": {"employee_no": {"type": "string"},
    "employee_name": {"type": "string"}, "items": {"type": "array",
      "items": {"$ref": "#/components/schemas/TrainingSession"}}}},
  "Wording": {"type": "object", "properties": {"ko": {"type": "string"},
    "en": {"type": "string"}}},
  "ItemStanding": {"type": "object", "description": "shares of the item's points, 0-1",
    "properties": {"item_id": {"type": "string"},
    "name": {"$ref": "#/components/schemas/Wording"}, "own": {"type": "number"},
    "contacts": {"type": "integer"}, "department": {"type": ["number", "null"]},
    "organisation": {"type": ["number", "null"]},
    "guidance": {"type": ["object", "null"], "properties": {
      "title": {"$ref": "#/components/schemas/Wording"},
      "good": {"$ref": "#/components/schemas/Wording"},
      "practice": {"$ref": "#/components/schemas/Wording"}}}}},
  "ReadableContact": {"type": "object", "properties": {
    "rubric": {"$ref": "#/components/schemas/Wording"}, "department_name": {"type": "string"},
    "scenario_title": {"type": "string"},
    "stages": {"type": "array", "items": {"type": "object", "properties": {
      "name": {"$ref": "#/components/schemas/Wording"}, "points": {"type": "number"},
      "max_points": {"type": "number"}}}},
    "items": {"type": "array", "items": {"type": "object", "properties": {
      "item_id": {"type": "string"}, "name": {"$ref": "#/components/schemas/Wording"},
      "stage": {"$ref": "#/components/schemas/Wording"},
      "observed": {"$ref": "#/components/schemas/Wording"},
      "points": {"type": ["number", "null"]}, "max_points": {"type": "number"}}}}}},
  "ObjectionRequest": {"type": "object", "required": ["reason"], "additionalProperties": false,
    "properties": {"reason": {"type": "string"}}},
  "ObjectionDecision": {"type": "object", "required": ["decision", "reason"],
    "additionalProperties": false, "properties": {"decision": {"type": "string",
      "enum": ["upheld", "rejected"]}, "reason": {"type": "string"}}},
  "Objection": {"type": "object", "properties": {"id": {"type": "integer"},
    "evaluation_id": {"type": "integer"}, "evaluation_code": {"type": "string"},
    "campaign": {"type": "string"}, "employee_no": {"type": "string"},
    "employee_name": {"type": "string"}, "department_code": {"type": "string"},
    "reason": {"type": "string"}, "filed_at": {"type": "string"},
    "state": {"type": "string", "enum": ["open", "upheld", "rejected"]},
    "decision_reason": {"type": "string"}, "decided_at": {"type": ["string", "null"]}}},
  "ObjectionList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Objection"}}}},
  "Dashboard": {"type": "object", "properties": {"campaign": {"type": "string"},
    "progress": {"type": "object"}, "score_histogram": {"type": "object"},
    "department_ranking": {"type": "array", "items": {"type": "object"}},
    "item_heat_map": {"type": "array", "items": {"type": "object"}},
    "monthly_trend": {"type": "array", "items": {"type": "object"}},
    "computed_at": {"type": "string"}, "server_ms": {"type": "number"}}},
  "DepartmentList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"type": "object", "properties": {"code": {"type": "string"},
      "name": {"type": "string"}, "group": {"type": "string"}}}}}},
  "EmployeePage": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"type": "object", "properties": {"employee_no": {"type": "string"},
      "name": {"type": "string"}, "department_code": {"type": "string"},
      "position": {"type": "string"}, "phone": {"type": "string"},
      "counter": {"type": "boolean"}, "active": {"type": "boolean"}}}},
    "page": {"type": "integer"}, "page_size": {"type": "integer"}, "total": {"type": "integer"}}},
  "MonitorList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"type": "object", "properties": {"code": {"type": "string"},
      "name": {"type": "string"}, "gender": {"type": "string"},
      "age_band": {"type": "string"}, "phone_per_day": {"type": "integer"},
      "visit_per_day": {"type": "integer"}, "available_from": {"type": ["string", "null"]},
      "available_to": {"type": ["string", "null"]}, "active": {"type": "boolean"}}}}}},
  "Rubric": {"type": "object", "description": "the rubric JSON form of data/rubrics.json"},
  "RubricDefinition": {"type": "object",
    "description": "one rubric in the JSON form of data/rubrics.json"},
  "RubricList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Rubric"}}}},
  "ScenarioList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"type": "object", "properties": {"code": {"type": "string"},
      "department_code": {"type": "string"}, "channel": {"type": "string"},
      "title": {"type": "string"}, "script": {"type": "string"}}}}}},
  "Job": {"type": "object", "properties": {"id": {"type": "integer"},
    "kind": {"type": "string"}, "state": {"type": "string",
      "enum": ["queued", "running", "succeeded", "failed"]},
    "progress": {"type": "number"}, "rows": {"type": "integer"},
    "message": {"type": "string"}, "result": {"type": ["object", "null"]},
    "created_at": {"type": "string"}, "finished_at": {"type": ["string", "null"]}}},
  "AuditEntry": {"type": "object", "properties": {"id": {"type": "integer"},
    "at": {"type": "string"}, "login": {"type": "string"}, "role": {"type": "string"},
    "ip": {"type": "string"}, "action": {"type": "string"},
    "subject_kind": {"type": "string"}, "subject": {"type": "string"},
    "detail": {"type": "string"}, "prev_hash": {"type": "string"},
    "row_hash": {"type": "string"}}},
  "AuditPage": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/AuditEntry"}}, "page": {"type": "integer"},
    "page_size": {"type": "integer"}, "total": {"type": "integer"}}},
  "AuditVerification": {"type": "object", "properties": {"intact": {"type": "boolean"},
    "checked": {"type": "integer"}, "first_broken_id": {"type": ["integer", "null"]},
    "problem": {"type": "string"}, "unkeyed": {"type": "integer"},
    "keyed_from": {"type": ["integer", "null"]}, "head_hash": {"type": "string"}}},
  "AuditHead": {"type": "object", "properties": {"entries": {"type": "integer"},
    "last_id": {"type": ["integer", "null"]}, "head_hash": {"type": "string"},
    "at": {"type": "string"}}}
})json";

boost::json::object Ref(std::string_view schema) {
  return boost::json::object{{"$ref", "#/components/schemas/" + std::string(schema)}};
}

boost::json::object JsonContent(std::string_view schema) {
  return boost::json::object{{"application/json", boost::json::object{{"schema", Ref(schema)}}}};
}

int SuccessStatus(const internal::RouteSpec& route) {
  if (std::string_view(route.response).empty()) return 204;
  if (std::string_view(route.method) == "POST" && std::string_view(route.pattern) == "/api/users") {
    return 201;
  }
  if (std::string_view(route.pattern) == "/api/imports/{kind}") return 202;
  return 200;
}

}  // namespace

std::string Api::OpenApiDocument() {
  boost::json::object paths;
  for (const internal::RouteSpec& route : Routes()) {
    boost::json::object operation;
    operation["tags"] = boost::json::array{route.tag};
    operation["summary"] = route.summary;
    operation["description"] = std::string("Who: ") + route.roles + ".";
    std::string method(route.method);
    for (char& c : method) c = static_cast<char>(c - 'A' + 'a');
    operation["operationId"] = method + std::string(route.pattern);
    boost::json::array parameters;
    const std::string_view pattern(route.pattern);
    for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
         open = pattern.find('{', open + 1)) {
      const std::size_t close = pattern.find('}', open);
      parameters.push_back(
          boost::json::object{{"name", pattern.substr(open + 1, close - open - 1)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", boost::json::object{{"type", "string"}}}});
    }
    std::string_view query(route.query);
    while (!query.empty()) {
      const std::size_t comma = query.find(',');
      std::string_view name = query.substr(0, comma);
      const bool required = name.ends_with('!');
      if (required) name.remove_suffix(1);
      parameters.push_back(boost::json::object{
          {"name", name},
          {"in", "query"},
          {"required", required},
          {"schema", boost::json::object{
                         {"type", name == "page" || name == "page_size" ? "integer" : "string"}}}});
      if (comma == std::string_view::npos) break;
      query.remove_prefix(comma + 1);
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (route.body == internal::BodyKind::kJson) {
      operation["requestBody"] = boost::json::object{
          {"required", true}, {"content", JsonContent(*route.request ? route.request : "Empty")}};
    } else if (route.body == internal::BodyKind::kRecording) {
      boost::json::object content;
      for (const char* type : {"audio/mpeg", "audio/mp4", "audio/wav", "audio/webm", "audio/ogg"}) {
        content[type] = boost::json::object{{"schema", Ref("Audio")}};
      }
      operation["requestBody"] = boost::json::object{{"required", true}, {"content", content}};
    } else if (route.body == internal::BodyKind::kTableFile) {
      boost::json::object content;
      for (const char* type :
           {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}) {
        content[type] = boost::json::object{
            {"schema", boost::json::object{{"type", "string"}, {"format", "binary"}}}};
      }
      operation["requestBody"] = boost::json::object{{"required", true}, {"content", content}};
    }
    boost::json::object responses;
    const int success = SuccessStatus(route);
    if (success == 204) {
      responses["204"] = boost::json::object{{"description", "done"}};
    } else if (std::string_view(route.response) == "Audio") {
      boost::json::object content;
      content["audio/*"] = boost::json::object{{"schema", Ref("Audio")}};
      responses["200"] =
          boost::json::object{{"description", "the recording"}, {"content", content}};
    } else {
      responses[std::to_string(success)] =
          boost::json::object{{"description", "success"}, {"content", JsonContent(route.response)}};
    }
    responses["default"] =
        boost::json::object{{"description", "error"}, {"content", JsonContent("Error")}};
    operation["responses"] = std::move(responses);
    if (route.access == internal::Access::kPublic) {
      operation["security"] = boost::json::array{};
    }
    boost::json::value& path = paths[route.pattern];
    if (!path.is_object()) path.emplace_object();
    path.as_object()[method] = std::move(operation);
  }
  boost::json::object document;
  document["openapi"] = "3.1.0";
  document["info"] = boost::json::object{
      {"title", "chinjeol API"},
      {"version", "0.1.0"},
      {"description",
       "The JSON API of chinjeol (docs/api.md). State-changing requests carry X-CSRF-Token; "
       "errors are {\"error\": {\"code\", \"message\", \"fields\"}}."}};
  document["paths"] = std::move(paths);
  boost::json::object components;
  components["schemas"] = boost::json::parse(kSchemas);
  components["securitySchemes"] = boost::json::object{
      {"session",
       boost::json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "chinjeol_session"}}}};
  document["components"] = std::move(components);
  document["security"] = boost::json::array{boost::json::object{{"session", boost::json::array{}}}};
  return boost::json::serialize(document);
}

}  // namespace chinjeol::http
