#pragma once

#include <vector>

#include "core/auth/password_hasher.hpp"
#include "core/auth/user.hpp"
#include "core/campaign/campaign.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/rubric.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::programme {

// Makes a database ready for work: saves the default rubrics that are not there yet and loads
// the public holidays when the list is empty. Cheap when there is nothing to do.
Result<void> EnsureDefaults(ports::Storage& storage,
                            const std::vector<rubric::Rubric>& default_rubrics,
                            tables::TableSource& default_holidays);

// Saves `rubric` as a new version of its code: version = latest + 1 (or 1).
// kInvalidArgument when the rubric is not consistent (ValidateRubric).
Result<rubric::Rubric> AddRubricVersion(ports::Storage& storage, rubric::Rubric rubric);

// Validates the request against the organisation's calendar and stores the campaign with its
// round windows. kAlreadyExists when the code is taken.
Result<campaign::Campaign> CreateCampaign(ports::Storage& storage,
                                          const campaign::NewCampaign& request);

// The organisation's working calendar (holidays and local closures from storage).
Result<campaign::WorkingCalendar> LoadCalendar(ports::Storage& storage);

// Creates an account. The password must pass CheckPasswordStrength; it is stored only as a hash.
Result<void> AddUser(ports::Storage& storage, const auth::PasswordHasher& hasher, auth::User user,
                     std::string_view password);

}  // namespace chinjeol::programme
