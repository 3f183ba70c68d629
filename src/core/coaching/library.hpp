#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chinjeol::coaching {

// What good looks like on one rubric item, and a short exercise to practise it: what a coach
// goes through with an employee who is weak on the item, and what the employee reads beside it.
struct PracticeModule {
  std::string item_id;  // rubric item id ("P02"); item ids are unique across the rubrics
  std::string title_ko;
  std::string title_en;
  std::string good_ko;  // what good looks like, as an example a person can say or do
  std::string good_en;
  std::string practice_ko;  // the exercise
  std::string practice_en;
  friend bool operator==(const PracticeModule&, const PracticeModule&) = default;
};

// The library every organisation starts from: one module for every item of the default phone
// and visit rubrics (data/rubrics.json). An organisation edits its own copy.
std::vector<PracticeModule> DefaultLibrary();

// The module for an item, or nullptr.
const PracticeModule* FindModule(const std::vector<PracticeModule>& library,
                                 std::string_view item_id);

}  // namespace chinjeol::coaching
