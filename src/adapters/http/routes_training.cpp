// Training: the sessions with their attendance, recording one, completion by department and
// one employee's history.
#include "adapters/http/internal/call.hpp"
#include "core/publication/training.hpp"

namespace chinjeol::http::internal {
namespace {

constexpr std::size_t kMaxListEntries = 5000;

boost::json::object TrainingJson(const publication::TrainingView& view) {
  const coaching::TrainingSession& session = view.session;
  boost::json::array items;
  for (std::size_t i = 0; i < session.items.size(); ++i) {
    items.push_back({{"item_id", session.items[i]},
                     {"name", boost::json::object{{"ko", view.item_names[i].ko},
                                                  {"en", view.item_names[i].en}}}});
  }
  return {{"code", session.code},
          {"date", FormatDate(session.date)},
          {"topic", session.topic},
          {"instructor", session.instructor},
          {"items", std::move(items)},
          {"attendees", static_cast<std::int64_t>(session.attendees.size())}};
}

boost::json::object CompletionJson(const publication::CompletionRow& row, bool department) {
  boost::json::object json{
      {"employees", row.employees}, {"trained", row.trained}, {"share", row.share}};
  if (department) {
    json["department_code"] = row.department_code;
    json["department_name"] = row.department_name;
  }
  return json;
}

// A list of strings under `key`, each entry's problem named by its path.
std::vector<std::string> ReadStrings(ObjectReader& reader, std::string_view key,
                                     std::size_t max_bytes) {
  std::vector<std::string> values;
  const boost::json::array* array = reader.Array(key, ObjectReader::Need::kRequired);
  if (array == nullptr) return values;
  if (array->size() > kMaxListEntries) {
    reader.AddViolation(reader.PathOf(key),
                        "at most " + std::to_string(kMaxListEntries) + " entries");
    return values;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = reader.PathOf(key) + "/" + std::to_string(i);
    const boost::json::value& value = (*array)[i];
    if (!value.is_string()) {
      reader.AddViolation(path, "must be a string");
      values.emplace_back();
      continue;
    }
    const boost::json::string& text = value.get_string();
    if (text.size() > max_bytes) {
      reader.AddViolation(path, "at most " + std::to_string(max_bytes) + " bytes");
    }
    values.emplace_back(text.data(), text.size());
  }
  return values;
}

}  // namespace

HttpResponse GetTraining(Call& call) {
  Result<std::vector<publication::TrainingView>> sessions =
      publication::ListTraining(call.storage, call.actor);
  if (!sessions) return Fail(sessions);
  boost::json::array items;
  for (const publication::TrainingView& view : *sessions) items.push_back(TrainingJson(view));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostTraining(Call& call) {
  if (call.actor.role != auth::Role::kAdmin) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  coaching::TrainingSession session;
  session.code = reader.String("code", ObjectReader::Need::kRequired, 1000).value_or("");
  if (std::optional<std::string> date = reader.String("date", ObjectReader::Need::kRequired, 20)) {
    if (std::optional<Date> parsed = ParseDate(*date)) {
      session.date = *parsed;
    } else {
      reader.AddViolation(reader.PathOf("date"), "a date YYYY-MM-DD");
    }
  }
  session.topic = reader.String("topic", ObjectReader::Need::kRequired, 1000).value_or("");
  session.instructor =
      reader.String("instructor", ObjectReader::Need::kOptional, 1000).value_or("");
  session.items = ReadStrings(reader, "items", 100);
  session.attendees = ReadStrings(reader, "attendees", 100);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  const auto record = [&call](std::string_view kind, std::string_view subject,
                              std::string_view detail) {
    return Audit(call, kind, subject, detail);
  };
  Result<publication::TrainingView> saved =
      publication::RecordTraining(call.storage, call.actor, session, record);
  if (!saved) return Fail(saved);
  return JsonResponse(201, TrainingJson(*saved));
}

HttpResponse GetTrainingCompletion(Call& call) {
  Result<publication::TrainingCompletionReport> report =
      publication::TrainingCompletion(call.storage, call.actor);
  if (!report) return Fail(report);
  if (Result<void> logged = Audit(call, auth::kSubjectEmployees, "*", "training completion");
      !logged) {
    return Fail(logged);
  }
  boost::json::array items;
  for (const publication::CompletionRow& row : report->departments) {
    items.push_back(CompletionJson(row, true));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)},
                                               {"total", CompletionJson(report->total, false)}});
}

HttpResponse GetTrainingHistory(Call& call) {
  std::string employee_no;
  if (std::optional<HttpResponse> missing =
          RequireQuery(call.request, "employee_no", employee_no)) {
    return *missing;
  }
  Result<publication::TrainingHistoryView> history =
      publication::TrainingHistory(call.storage, call.actor, employee_no);
  if (!history) return Fail(history);
  if (call.actor.employee_no != history->employee_no) {
    if (Result<void> logged =
            Audit(call, auth::kSubjectEmployee, history->employee_no, "training history");
        !logged) {
      return Fail(logged);
    }
  }
  boost::json::array items;
  for (const publication::TrainingView& view : history->sessions) {
    items.push_back(TrainingJson(view));
  }
  return JsonResponse(200, boost::json::object{{"employee_no", history->employee_no},
                                               {"employee_name", history->employee_name},
                                               {"items", std::move(items)}});
}

}  // namespace chinjeol::http::internal
