#include "core/programme/setup.hpp"

#include <algorithm>

#include "core/campaign/calendar.hpp"
#include "core/common/text.hpp"
#include "core/programme/imports.hpp"

namespace chinjeol::programme {

Result<void> EnsureDefaults(ports::Storage& storage,
                            const std::vector<rubric::Rubric>& default_rubrics,
                            tables::TableSource& default_holidays) {
  Result<std::vector<rubric::Rubric>> saved = storage.rubrics().ListRubrics();
  if (!saved) return saved.error();
  for (const rubric::Rubric& rubric : default_rubrics) {
    const bool present = std::any_of(saved->begin(), saved->end(), [&](const rubric::Rubric& r) {
      return r.code == rubric.code;
    });
    if (present) continue;
    Result<void> added =
        storage.InTransaction([&] { return storage.rubrics().SaveRubric(rubric); });
    if (!added) return added;
  }
  Result<std::vector<campaign::Holiday>> holidays = storage.calendar().ListHolidays();
  if (!holidays) return holidays.error();
  if (holidays->empty()) {
    Result<ImportReport> imported = ImportHolidays(default_holidays, storage);
    if (!imported) return imported.error();
  }
  return Ok();
}

Result<rubric::Rubric> AddRubricVersion(ports::Storage& storage, rubric::Rubric rubric) {
  Result<std::optional<rubric::Rubric>> latest = storage.rubrics().FindLatestRubric(rubric.code);
  if (!latest) return latest.error();
  rubric.version = *latest ? (*latest)->version + 1 : 1;
  const std::vector<std::string> problems = rubric::ValidateRubric(rubric);
  if (!problems.empty()) {
    return InvalidArgument("rubric " + rubric.code + " is not consistent: " + Join(problems, "; "));
  }
  Result<void> saved = storage.InTransaction([&] { return storage.rubrics().SaveRubric(rubric); });
  if (!saved) return saved.error();
  return rubric;
}

Result<campaign::WorkingCalendar> LoadCalendar(ports::Storage& storage) {
  Result<std::vector<campaign::Holiday>> holidays = storage.calendar().ListHolidays();
  if (!holidays) return holidays.error();
  Result<std::vector<campaign::Closure>> closures = storage.calendar().ListClosures();
  if (!closures) return closures.error();
  return campaign::WorkingCalendar(*holidays, *closures);
}

Result<campaign::Campaign> CreateCampaign(ports::Storage& storage,
                                          const campaign::NewCampaign& request) {
  Result<campaign::WorkingCalendar> calendar = LoadCalendar(storage);
  if (!calendar) return calendar.error();
  Result<campaign::Campaign> planned = campaign::PlanCampaign(request, *calendar);
  if (!planned) return planned.error();
  Result<void> saved =
      storage.InTransaction([&] { return storage.campaigns().CreateCampaign(*planned); });
  if (!saved) return saved.error();
  return planned;
}

Result<void> AddUser(ports::Storage& storage, const auth::PasswordHasher& hasher, auth::User user,
                     std::string_view password) {
  if (Result<void> bound = auth::CheckUserBinding(user); !bound) return bound;
  if (Result<void> strong = auth::CheckPasswordStrength(password); !strong) return strong;
  Result<std::string> hash = hasher.Hash(password);
  if (!hash) return hash.error();
  user.password_hash = std::move(*hash);
  return storage.InTransaction([&] { return storage.users().AddUser(user); });
}

}  // namespace chinjeol::programme
