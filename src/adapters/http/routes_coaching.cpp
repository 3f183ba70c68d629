// Coaching: plans (proposed, confirmed, read), sessions with their action points, the
// employee's own plan, the coaching library, and the measured effect of coaching and training.
#include <map>

#include "adapters/http/internal/call.hpp"
#include "core/programme/effect.hpp"
#include "core/publication/coaching.hpp"

namespace chinjeol::http::internal {
namespace {

boost::json::object Words(const rubric::Wording& words) {
  return {{"ko", words.ko}, {"en", words.en}};
}

boost::json::object ModuleJson(const coaching::PracticeModule& module) {
  return {{"item_id", module.item_id},
          {"title", Words({module.title_ko, module.title_en})},
          {"good", Words({module.good_ko, module.good_en})},
          {"practice", Words({module.practice_ko, module.practice_en})}};
}

boost::json::value OptionalDateJson(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return boost::json::value(FormatDate(*date));
}

boost::json::value OptionalTimeJson(const std::optional<LocalDateTime>& at) {
  if (!at) return nullptr;
  return boost::json::value(FormatLocalDateTime(*at));
}

publication::AuditRecorder Recorder(Call& call) {
  return [&call](std::string_view kind, std::string_view subject, std::string_view detail) {
    return Audit(call, kind, subject, detail);
  };
}

boost::json::object SessionJson(const coaching::CoachingSession& session,
                                const publication::PlanView* view, const Date& today,
                                bool private_notes) {
  boost::json::array discussed, actions;
  for (const coaching::DiscussionPoint& point : session.discussed) {
    rubric::Wording name{point.item_id, point.item_id};
    if (view != nullptr) {
      for (std::size_t i = 0; i < view->plan.items.size(); ++i) {
        if (view->plan.items[i].item_id == point.item_id) name = view->item_names[i];
      }
    }
    discussed.push_back({{"item_id", point.item_id}, {"name", Words(name)}, {"note", point.note}});
  }
  for (const coaching::ActionPoint& action : session.actions) {
    actions.push_back({{"id", action.id},
                       {"text", action.text},
                       {"due_on", FormatDate(action.due_on)},
                       {"done_on", OptionalDateJson(action.done_on)},
                       {"overdue", !action.done_on && action.due_on < today}});
  }
  boost::json::object json{
      {"id", session.id},
      {"plan_id", session.plan_id ? boost::json::value(*session.plan_id) : nullptr},
      {"held_on", FormatDate(session.date)},
      {"coach", boost::json::object{{"login", session.coach}, {"name", session.coach}}},
      {"discussed", std::move(discussed)},
      {"notes_shared", session.notes},
      {"actions", std::move(actions)},
      {"follow_up_on", OptionalDateJson(session.follow_up_on)},
      {"coach_confirmed_at", OptionalTimeJson(session.coach_confirmed_at)},
      {"employee_confirmed_at", OptionalTimeJson(session.employee_confirmed_at)}};
  if (private_notes) json["notes_private"] = session.private_notes;
  return json;
}

boost::json::object PlanJson(const publication::PlanView& view, const Date& today, bool detail) {
  const coaching::StoredPlan& plan = view.plan;
  boost::json::array items;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const coaching::ItemFinding& item = plan.items[i];
    boost::json::object json{{"item_id", item.item_id},
                             {"name", Words(view.item_names[i])},
                             {"probability_weak", item.probability_weak},
                             {"achievement", item.achievement},
                             {"peer_mean", item.peer_mean}};
    json["guidance"] = view.guidance[i] ? boost::json::value(ModuleJson(*view.guidance[i]))
                                        : boost::json::value(nullptr);
    items.push_back(std::move(json));
  }
  boost::json::object json{{"id", plan.id},
                           {"campaign", plan.campaign_code},
                           {"employee_no", plan.employee_no},
                           {"employee_name", plan.employee_name},
                           {"department_code", plan.department_code},
                           {"department_name", view.department_name},
                           {"state", coaching::PlanStateCode(plan.state)},
                           {"adjusted", OptionalNumber(plan.adjusted)},
                           {"ci90_low", OptionalNumber(plan.ci90_low)},
                           {"ci90_high", OptionalNumber(plan.ci90_high)},
                           {"reason", Words({plan.reason_ko, plan.reason_en})},
                           {"items", std::move(items)},
                           {"created_at", FormatLocalDateTime(plan.created_at)},
                           {"confirmed_at", OptionalTimeJson(plan.confirmed_at)},
                           {"sessions", view.session_count},
                           {"open_actions", view.open_actions},
                           {"overdue_actions", view.overdue_actions},
                           {"next_follow_up", OptionalDateJson(view.next_follow_up)}};
  json["coach"] =
      view.coach_login.empty()
          ? boost::json::value(nullptr)
          : boost::json::value(boost::json::object{
                {"login", view.coach_login},
                {"name", view.coach_name.empty() ? view.coach_login : view.coach_name}});
  if (detail) {
    boost::json::array evidence, sessions;
    for (const publication::ItemEvidence& item : view.evidence) {
      boost::json::array contacts;
      for (const publication::EvidenceContact& contact : item.contacts) {
        contacts.push_back({{"performed_at", FormatLocalDateTime(contact.performed_at)},
                            {"channel", ChannelCode(contact.channel)},
                            {"observed", Words(contact.observed)},
                            {"points", OptionalNumber(contact.points)},
                            {"max_points", contact.max_points},
                            {"note", contact.note}});
      }
      evidence.push_back({{"item_id", item.item_id}, {"contacts", std::move(contacts)}});
    }
    for (const coaching::CoachingSession& session : view.sessions) {
      sessions.push_back(SessionJson(session, &view, today, view.access.see_private_notes));
    }
    json["evidence"] = std::move(evidence);
    if (view.outcome) {
      json["outcome"] =
          boost::json::object{{"released_at", FormatLocalDateTime(view.outcome->released_at)},
                              {"adjusted", view.outcome->adjusted},
                              {"ci90_low", view.outcome->ci90_low},
                              {"ci90_high", view.outcome->ci90_high},
                              {"change", view.outcome->change},
                              {"change_low", view.outcome->change_low},
                              {"change_high", view.outcome->change_high}};
    } else {
      json["outcome"] = nullptr;
    }
    json["sessions"] = std::move(sessions);  // the list in place of the count
  }
  return json;
}

HttpResponse PlanResponse(Call& call, int status, const publication::PlanView& view) {
  return JsonResponse(status, PlanJson(view, call.local_now.date, true));
}

// A session as the caller may see it (private notes for the coach and the admin only).
HttpResponse SessionResponse(Call& call, int status, const coaching::CoachingSession& session) {
  std::optional<publication::PlanView> view;
  if (session.plan_id) {
    Result<publication::PlanView> read =
        publication::ReadCoachingPlan(call.storage, call.actor, *session.plan_id, call.local_now);
    if (read) view = std::move(*read);
  }
  const bool private_notes = view && view->access.see_private_notes;
  return JsonResponse(
      status, SessionJson(session, view ? &*view : nullptr, call.local_now.date, private_notes));
}

std::optional<Date> ReadDate(ObjectReader& reader, std::string_view key, ObjectReader::Need need) {
  std::optional<std::string> text = reader.String(key, need, 20);
  if (!text) return std::nullopt;
  std::optional<Date> date = ParseDate(*text);
  if (!date) reader.AddViolation(reader.PathOf(key), "a date YYYY-MM-DD");
  return date;
}

}  // namespace

HttpResponse PostCoachingPlans(Call& call) {
  boost::json::object body;
  if (!call.request.body.empty()) {
    if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  }
  ObjectReader reader(body);
  coaching::PlanRules rules;
  if (body.contains("below_score"))
    rules.below_score = reader.Number("below_score", ObjectReader::Need::kOptional);
  rules.bottom_share = reader.Number("bottom_share", ObjectReader::Need::kOptional);
  if (body.contains("weak_probability")) {
    rules.weak_probability = reader.Number("weak_probability", ObjectReader::Need::kOptional);
  }
  if (std::optional<std::int64_t> items =
          reader.Integer("max_items", ObjectReader::Need::kOptional)) {
    rules.max_items = static_cast<int>(std::clamp<std::int64_t>(*items, -1, 100));
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<publication::ProposalReport> report =
      publication::ProposeCoachingPlans(call.storage, call.actor, call.request.PathParam("code"),
                                        rules, call.local_now, Recorder(call));
  if (!report) return Fail(report);
  return JsonResponse(200,
                      boost::json::object{{"proposed", report->proposed}, {"kept", report->kept}});
}

HttpResponse GetCoachingPlans(Call& call) {
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  Result<std::vector<publication::PlanView>> plans =
      publication::ListCoachingPlans(call.storage, call.actor, campaign_code, call.local_now);
  if (!plans) return Fail(plans);
  if (call.actor.role != auth::Role::kEmployee) {
    if (Result<void> logged = Audit(call, auth::kSubjectEmployees, campaign_code, "coaching plans");
        !logged) {
      return Fail(logged);
    }
  }
  boost::json::array items;
  for (const publication::PlanView& view : *plans) {
    items.push_back(PlanJson(view, call.local_now.date, false));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse GetCoachingPlan(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<publication::PlanView> view =
      publication::ReadCoachingPlan(call.storage, call.actor, id, call.local_now);
  if (!view) return Fail(view);
  if (call.actor.employee_no != view->plan.employee_no) {
    if (Result<void> logged = Audit(call, auth::kSubjectEmployee, view->plan.employee_no,
                                    "coaching plan " + std::to_string(id));
        !logged) {
      return Fail(logged);
    }
  }
  return PlanResponse(call, 200, *view);
}

HttpResponse PostPlanConfirmation(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> coach = reader.String("coach", ObjectReader::Need::kRequired, 100);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<publication::PlanView> view = publication::ConfirmCoachingPlan(
      call.storage, call.actor, id, *coach, call.local_now, Recorder(call));
  if (!view) return Fail(view);
  return JsonResponse(200, PlanJson(*view, call.local_now.date, false));
}

HttpResponse PostPlanSession(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  publication::SessionInput input;
  input.held_on = ReadDate(reader, "held_on", ObjectReader::Need::kRequired).value_or(Date{});
  input.notes_shared =
      reader.String("notes_shared", ObjectReader::Need::kOptional, 4000).value_or("");
  input.notes_private =
      reader.String("notes_private", ObjectReader::Need::kOptional, 4000).value_or("");
  input.follow_up_on = ReadDate(reader, "follow_up_on", ObjectReader::Need::kOptional);
  if (const boost::json::array* discussed =
          reader.Array("discussed", ObjectReader::Need::kOptional)) {
    for (std::size_t i = 0; i < discussed->size() && i < 50; ++i) {
      const std::string path = reader.PathOf("discussed") + "/" + std::to_string(i);
      if (!(*discussed)[i].is_object()) {
        reader.AddViolation(path, "must be an object");
        continue;
      }
      ObjectReader point((*discussed)[i].get_object(), path);
      coaching::DiscussionPoint made;
      made.item_id = point.String("item_id", ObjectReader::Need::kRequired, 20).value_or("");
      made.note = point.String("note", ObjectReader::Need::kOptional, 4000).value_or("");
      if (Result<void> valid = point.Finish(); !valid) {
        for (const FieldViolation& v : valid.error().violations())
          reader.AddViolation(v.field, v.message);
      }
      input.discussed.push_back(std::move(made));
    }
  }
  if (const boost::json::array* actions = reader.Array("actions", ObjectReader::Need::kOptional)) {
    for (std::size_t i = 0; i < actions->size() && i < 50; ++i) {
      const std::string path = reader.PathOf("actions") + "/" + std::to_string(i);
      if (!(*actions)[i].is_object()) {
        reader.AddViolation(path, "must be an object");
        continue;
      }
      ObjectReader action((*actions)[i].get_object(), path);
      coaching::ActionPoint made;
      made.text = action.String("text", ObjectReader::Need::kRequired, 500).value_or("");
      made.due_on = ReadDate(action, "due_on", ObjectReader::Need::kRequired).value_or(Date{});
      if (Result<void> valid = action.Finish(); !valid) {
        for (const FieldViolation& v : valid.error().violations())
          reader.AddViolation(v.field, v.message);
      }
      input.actions.push_back(std::move(made));
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<coaching::CoachingSession> session = publication::RecordCoachingSession(
      call.storage, call.actor, id, input, call.local_now, Recorder(call));
  if (!session) return Fail(session);
  return SessionResponse(call, 201, *session);
}

HttpResponse PostSessionConfirmation(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<coaching::CoachingSession> session = publication::ConfirmCoachingSession(
      call.storage, call.actor, id, call.local_now, Recorder(call));
  if (!session) return Fail(session);
  return SessionResponse(call, 200, *session);
}

HttpResponse PostActionCompletion(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<coaching::CoachingSession> session = publication::CompleteCoachingAction(
      call.storage, call.actor, id, call.local_now, Recorder(call));
  if (!session) return Fail(session);
  return SessionResponse(call, 200, *session);
}

HttpResponse GetMyCoaching(Call& call) {
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  Result<std::optional<publication::PlanView>> plan =
      publication::ReadOwnCoachingPlan(call.storage, call.actor, campaign_code, call.local_now);
  if (!plan) return Fail(plan);
  return JsonResponse(
      200, boost::json::object{
               {"plan", *plan ? boost::json::value(PlanJson(**plan, call.local_now.date, true))
                              : boost::json::value(nullptr)}});
}

HttpResponse GetCoachingLibrary(Call& call) {
  Result<std::vector<coaching::PracticeModule>> library =
      publication::ReadCoachingLibrary(call.storage);
  if (!library) return Fail(library);
  boost::json::array items;
  for (const coaching::PracticeModule& module : *library) items.push_back(ModuleJson(module));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PutCoachingLibraryModule(Call& call) {
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  coaching::PracticeModule module;
  module.item_id = call.request.PathParam("item_id");
  for (const auto& [key, ko, en] :
       {std::tuple{"title", &module.title_ko, &module.title_en},
        std::tuple{"good", &module.good_ko, &module.good_en},
        std::tuple{"practice", &module.practice_ko, &module.practice_en}}) {
    const boost::json::object* words = reader.Object(key, ObjectReader::Need::kRequired);
    if (words == nullptr) continue;
    ObjectReader pair(*words, reader.PathOf(key));
    *ko = pair.String("ko", ObjectReader::Need::kRequired, 2000).value_or("");
    *en = pair.String("en", ObjectReader::Need::kRequired, 2000).value_or("");
    if (Result<void> valid = pair.Finish(); !valid) {
      for (const FieldViolation& v : valid.error().violations())
        reader.AddViolation(v.field, v.message);
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<coaching::PracticeModule> saved =
      publication::EditCoachingLibrary(call.storage, call.actor, module, Recorder(call));
  if (!saved) return Fail(saved);
  return JsonResponse(200, ModuleJson(*saved));
}

HttpResponse GetEffect(Call& call) {
  if (call.actor.role != auth::Role::kAdmin) return ForbiddenResponse();
  std::string campaign_code, of_text;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "of", of_text)) {
    return *missing;
  }
  const std::optional<programme::EffectOf> of = programme::ParseEffectOf(of_text);
  if (!of) {
    return ErrorResponse(InvalidArgument("unknown effect", {{"of", "coaching or training"}}));
  }
  Result<programme::EffectReport> report =
      programme::EstimateEffect(call.storage, campaign_code, *of);
  if (!report) return Fail(report);
  const stats::EffectEstimate& e = report->estimate;
  const auto naive = [](const stats::NaiveEstimate& n) {
    return n.available ? boost::json::value(n.estimate) : boost::json::value(nullptr);
  };
  return JsonResponse(
      200, boost::json::object{{"of", programme::EffectOfCode(*of)},
                               {"estimate", e.estimate},
                               {"ci90_low", e.ci_low},
                               {"ci90_high", e.ci_high},
                               {"shown", e.shown},
                               {"treated", e.treated_employees},
                               {"comparison", e.comparison_employees},
                               {"treated_contacts", e.treated_contacts},
                               {"method", e.method},
                               {"before_after", naive(e.before_after)},
                               {"difference_in_differences", naive(e.difference_in_differences)},
                               {"conclusion", Words(report->conclusion)}});
}

}  // namespace chinjeol::http::internal
