#include "adapters/http/internal/call.hpp"

namespace chinjeol::http::internal {

HttpResponse GetCampaigns(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostResultsRelease(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetDashboard(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetScores(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetMyResults(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostAcknowledgement(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostObjection(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetObjections(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostObjectionDecision(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetPlan(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetMyAssignments(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetEvaluations(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostEvaluations(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetEvaluation(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PutEvaluation(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostSubmission(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostReview(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PutRecording(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetRecording(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetDepartments(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetEmployees(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetMonitors(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetRubrics(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostRubrics(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetScenarios(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse PostImport(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetJob(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetAuditLog(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
HttpResponse GetAuditVerification(Call&) { return ErrorResponse(501, "unavailable", "not yet"); }
std::optional<HttpResponse> AdmitRecording(Call&) { return std::nullopt; }

}  // namespace chinjeol::http::internal
