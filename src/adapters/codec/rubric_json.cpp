#include "adapters/codec/rubric_json.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "adapters/codec/internal/embedded.hpp"
#include "core/common/channel.hpp"
#include "core/common/error.hpp"

// Unknown keys are ignored, except where they look like a mistake that would silently change
// scoring (see rubric_json.hpp). A near miss is a key equal to a known key of the same object
// ignoring case and "-"/" " versus "_", or, for keys of 4 or more characters, one edit (insert,
// delete, change, swap) away from it. Shorter keys are not compared by edits, so that other
// language labels ("zh", "ja") next to "ko"/"en" stay allowed.

namespace chinjeol::codec {
namespace {

namespace json = boost::json;

using rubric::ChecklistElement;
using rubric::Flag;
using rubric::GradeBand;
using rubric::Item;
using rubric::ItemType;
using rubric::NotApplicablePolicy;
using rubric::Rubric;
using rubric::Stage;
using rubric::Tier;

// 탁월/우수/보통/미흡/부진 -> 100/75/50/25/0 %, unless a file or rubric sets its own.
std::array<double, 5> DefaultFractions() { return Rubric{}.level_fractions; }
constexpr std::string_view kRingCount = "ring_count";

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string_view View(json::string_view text) { return {text.data(), text.size()}; }

std::string Child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "/" + std::string(key);
}
std::string Child(const std::string& path, std::size_t index) {
  return Child(path, std::to_string(index));
}

// Builds a json::value as boost::json::parse does, with two differences that matter for
// rubrics: a number with a fraction or exponent is read with std::from_chars, which is exact
// (Boost.JSON 1.81 can be one unit off in the last place for 16-17 digits, which would break
// the exact round trip), and a key repeated in one object stops the parse.
class ExactHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack stack;
  std::string repeated_key;  // set when the parse stopped on a repeated key

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t size, json::error_code&) {
    keys_.pop_back();
    stack.push_object(size);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t size, json::error_code&) {
    stack.push_array(size);
    return true;
  }
  bool on_key_part(json::string_view part, std::size_t, json::error_code&) {
    key_.append(part.data(), part.size());
    stack.push_chars(part);
    return true;
  }
  bool on_key(json::string_view rest, std::size_t, json::error_code& error) {
    key_.append(rest.data(), rest.size());
    std::vector<std::string>& keys = keys_.back();
    if (std::find(keys.begin(), keys.end(), key_) != keys.end()) {
      repeated_key = key_;
      error = json::error::syntax;
      return false;
    }
    keys.push_back(std::move(key_));
    key_.clear();
    stack.push_key(rest);
    return true;
  }
  bool on_string_part(json::string_view part, std::size_t, json::error_code&) {
    stack.push_chars(part);
    return true;
  }
  bool on_string(json::string_view rest, std::size_t, json::error_code&) {
    stack.push_string(rest);
    return true;
  }
  bool on_number_part(json::string_view part, json::error_code&) {
    number_.append(part.data(), part.size());
    return true;
  }
  bool on_int64(std::int64_t value, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_int64(value);
    return true;
  }
  bool on_uint64(std::uint64_t value, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_uint64(value);
    return true;
  }
  bool on_double(double value, json::string_view rest, json::error_code&) {
    number_.append(rest.data(), rest.size());
    double exact = 0;
    const char* end = number_.data() + number_.size();
    const auto [stop, error] = std::from_chars(number_.data(), end, exact);
    number_.clear();
    stack.push_double(error == std::errc() && stop == end ? exact : value);
    return true;
  }
  bool on_bool(bool value, json::error_code&) {
    stack.push_bool(value);
    return true;
  }
  bool on_null(json::error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  std::vector<std::vector<std::string>> keys_;  // keys seen in each open object
  std::string key_;
  std::string number_;
};

// Builds errors that name the file (when there is one) and the JSON path.
class Reporter {
 public:
  explicit Reporter(std::string_view file_name) : file_name_(file_name) {}

  Error AtPath(const std::string& path, const std::string& problem) const {
    return Many({{path, problem}});
  }

  // Problems as (path, problem); the message names the first.
  Error Many(const std::vector<std::pair<std::string, std::string>>& problems) const {
    std::vector<FieldViolation> violations;
    for (const auto& [path, problem] : problems) {
      violations.emplace_back(path, problem, file_name_);
    }
    const auto& [path, problem] = problems.front();
    std::string message = Prefix() + (path.empty() ? "" : path + ": ") + problem;
    if (problems.size() > 1) {
      message += " (and " + std::to_string(problems.size() - 1) + " more)";
    }
    return InvalidArgument(std::move(message), std::move(violations));
  }

  Error AtOffset(std::string_view text, std::size_t offset, const std::string& problem) const {
    offset = std::min(offset, text.size());
    long line = 1;
    long column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;  // count characters, not UTF-8 continuation bytes
      }
    }
    const std::string where = "invalid JSON at line " + std::to_string(line) + ", column " +
                              std::to_string(column) + ": " + problem;
    std::vector<FieldViolation> violations;
    violations.emplace_back("", where, file_name_, line);
    return InvalidArgument(Prefix() + where, std::move(violations));
  }

 private:
  std::string Prefix() const { return file_name_.empty() ? "" : file_name_ + ": "; }

  std::string file_name_;
};

Result<json::value> ParseJson(std::string_view text, const Reporter& reporter) {
  json::basic_parser<ExactHandler> parser{json::parse_options{}};
  parser.handler().stack.reset();
  json::error_code error;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), error);
  if (error) {
    const std::string& key = parser.handler().repeated_key;
    return reporter.AtOffset(
        text, used, key.empty() ? error.message() : "key " + Quote(key) + " appears twice");
  }
  if (used < text.size()) {
    return reporter.AtOffset(text, used, "unexpected text after the JSON value");
  }
  return parser.handler().stack.release();
}

const char* KindName(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "true or false";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

std::optional<double> NumberOf(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  if (value.is_double()) return value.get_double();
  return std::nullopt;
}

std::optional<int> IntegerOf(const json::value& value) {
  if (value.is_int64() && value.get_int64() >= INT_MIN && value.get_int64() <= INT_MAX) {
    return static_cast<int>(value.get_int64());
  }
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT_MAX)) {
    return static_cast<int>(value.get_uint64());
  }
  if (value.is_double() && std::trunc(value.get_double()) == value.get_double() &&
      value.get_double() >= INT_MIN && value.get_double() <= INT_MAX) {
    return static_cast<int>(value.get_double());
  }
  return std::nullopt;
}

std::string NormalisedKey(std::string_view key) {
  std::string normalised;
  for (char c : key) {
    if (c == '-' || c == ' ') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    normalised += c;
  }
  return normalised;
}

// Edits (insert, delete, change, swap of neighbours) between two short keys.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

bool IsNearMiss(std::string_view key, std::string_view known) {
  if (NormalisedKey(key) == NormalisedKey(known)) return true;
  return key.size() >= 4 && known.size() >= 4 && EditDistance(key, known) <= 1;
}

using Keys = std::initializer_list<std::string_view>;
// A key that belongs elsewhere, and what to say about it.
using Misplaced = std::initializer_list<std::pair<std::string_view, std::string_view>>;

constexpr std::string_view kUseKo = "names use \"ko\" and \"en\" here";
constexpr std::string_view kCapOnRubric =
    "the cap belongs to the rubric (\"critical_cap\"); mark the item with \"critical\": true";

// Reads JSON values into domain values, keeping the first problem met. After a problem the
// readers return defaults, so callers check failed() once at the end rather than after each
// field.
class Decoder {
 public:
  explicit Decoder(const Reporter& reporter) : reporter_(reporter) {}

  bool failed() const { return problems_.has_value(); }
  Error error() const { return *problems_; }

  void Fail(const std::string& path, const std::string& problem) {
    if (!problems_) problems_ = reporter_.AtPath(path, problem);
  }
  // Problems as "path: problem" with paths relative to `prefix`. When a rubric took its level
  // fractions from the file's level_scale, `fractions_path` ("level_scale/fraction") is where
  // problems with them are.
  void FailAll(const std::string& prefix, const std::vector<std::string>& problems,
               std::string_view fractions_path = {}) {
    if (problems_ || problems.empty()) return;
    constexpr std::string_view kFractions = "level_fractions";
    std::vector<std::pair<std::string, std::string>> located;
    for (const std::string& line : problems) {
      const std::size_t colon = line.find(": ");
      std::string path = line.substr(0, colon);
      if (!fractions_path.empty() && path.starts_with(kFractions)) {
        path = std::string(fractions_path) + path.substr(kFractions.size());
      } else {
        path = Child(prefix, path);
      }
      located.emplace_back(std::move(path),
                           colon == std::string::npos ? line : line.substr(colon + 2));
    }
    problems_ = reporter_.Many(located);
  }

  const json::object* Object(const json::value& value, const std::string& path) {
    if (value.is_object()) return &value.get_object();
    Fail(path, std::string("must be an object, got ") + KindName(value));
    return nullptr;
  }

  void CheckKeys(const json::object& object, const std::string& path, Keys known,
                 Misplaced misplaced = {}) {
    for (const json::key_value_pair& entry : object) {
      const std::string_view key = View(entry.key());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      for (const auto& [wrong, advice] : misplaced) {
        if (key == wrong) Fail(Child(path, key), "unknown key here; " + std::string(advice));
      }
      for (std::string_view candidate : known) {
        if (IsNearMiss(key, candidate)) {
          Fail(Child(path, key), "unknown key; did you mean " + Quote(candidate) + "?");
        }
      }
    }
  }

  // The value at `key`, or null (after recording a problem when `required`).
  const json::value* Field(const json::object& object, const std::string& path,
                           std::string_view key, bool required) {
    const json::value* value = object.if_contains(json::string_view(key.data(), key.size()));
    if (value == nullptr && required) Fail(Child(path, key), "required key is missing");
    return value;
  }

  std::string String(const json::object& object, const std::string& path, std::string_view key,
                     bool required) {
    const json::value* value = Field(object, path, key, required);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      Fail(Child(path, key), std::string("must be a string, got ") + KindName(*value));
      return {};
    }
    return std::string(View(value->get_string()));
  }

  double Number(const json::value& value, const std::string& path) {
    const std::optional<double> number = NumberOf(value);
    if (!number) Fail(path, std::string("must be a number, got ") + KindName(value));
    return number.value_or(0);
  }
  double Number(const json::object& object, const std::string& path, std::string_view key) {
    const json::value* value = Field(object, path, key, true);
    return value == nullptr ? 0 : Number(*value, Child(path, key));
  }
  // Absent or null: empty.
  std::optional<double> OptionalNumber(const json::object& object, const std::string& path,
                                       std::string_view key) {
    const json::value* value = Field(object, path, key, false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return Number(*value, Child(path, key));
  }

  int Integer(const json::value& value, const std::string& path) {
    const std::optional<int> integer = IntegerOf(value);
    if (integer) return *integer;
    if (NumberOf(value)) {
      Fail(path, "must be a whole number, got " + rubric::FormatPoints(*NumberOf(value)));
    } else {
      Fail(path, std::string("must be a whole number, got ") + KindName(value));
    }
    return 0;
  }

  bool Bool(const json::object& object, const std::string& path, std::string_view key) {
    const json::value* value = Field(object, path, key, false);
    if (value == nullptr) return false;
    if (!value->is_bool()) {
      Fail(Child(path, key), std::string("must be true or false, got ") + KindName(*value));
      return false;
    }
    return value->get_bool();
  }

  // The array at `key`; an empty array when it is absent and optional, or on a problem.
  const json::array& Array(const json::object& object, const std::string& path,
                           std::string_view key, bool required) {
    const json::value* value = Field(object, path, key, required);
    if (value == nullptr) return empty_;
    if (!value->is_array()) {
      Fail(Child(path, key), std::string("must be an array, got ") + KindName(*value));
      return empty_;
    }
    return value->get_array();
  }

  std::array<double, 5> Fractions(const json::object& object, const std::string& path,
                                  std::string_view key, const std::array<double, 5>& fallback) {
    if (Field(object, path, key, false) == nullptr) return fallback;
    const json::array& list = Array(object, path, key, true);
    std::array<double, 5> fractions = fallback;
    if (failed()) return fractions;
    if (list.size() != fractions.size()) {
      Fail(Child(path, key), "must list 5 fractions, for levels 5 (탁월) down to 1 (부진), got " +
                                 std::to_string(list.size()));
      return fractions;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      fractions[i] = Number(list[i], Child(Child(path, key), i));
    }
    return fractions;
  }

 private:
  const Reporter& reporter_;
  std::optional<Error> problems_;
  const json::array empty_;
};

Stage DecodeStage(Decoder& decoder, const json::value& value, const std::string& path) {
  Stage stage;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return stage;
  decoder.CheckKeys(*object, path, {"code", "ko", "en", "points"},
                    {{"name_ko", kUseKo}, {"name_en", kUseKo}});
  stage.code = decoder.String(*object, path, "code", true);
  stage.name_ko = decoder.String(*object, path, "ko", true);
  stage.name_en = decoder.String(*object, path, "en", false);
  stage.points = decoder.Number(*object, path, "points");
  return stage;
}

Flag DecodeFlag(Decoder& decoder, const json::value& value, const std::string& path) {
  Flag flag;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return flag;
  decoder.CheckKeys(*object, path, {"id", "ko", "en"}, {{"name_ko", kUseKo}, {"name_en", kUseKo}});
  flag.id = decoder.String(*object, path, "id", true);
  flag.name_ko = decoder.String(*object, path, "ko", true);
  flag.name_en = decoder.String(*object, path, "en", false);
  return flag;
}

ChecklistElement DecodeElement(Decoder& decoder, const json::value& value,
                               const std::string& path) {
  ChecklistElement element;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return element;
  decoder.CheckKeys(*object, path, {"id", "ko", "en", "points"},
                    {{"name_ko", kUseKo}, {"name_en", kUseKo}});
  element.id = decoder.String(*object, path, "id", true);
  element.name_ko = decoder.String(*object, path, "ko", true);
  element.name_en = decoder.String(*object, path, "en", false);
  element.points = decoder.Number(*object, path, "points");
  return element;
}

// A tier's bound is "max_rings" for ring counts (as in data/rubrics.json) and "max_count"
// otherwise; reading accepts either. null = unbounded.
std::string_view BoundKey(const Item& item) {
  return item.observe == kRingCount ? "max_rings" : "max_count";
}

Tier DecodeTier(Decoder& decoder, const json::value& value, const std::string& path,
                const Item& item) {
  Tier tier;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return tier;
  decoder.CheckKeys(*object, path, {"max_count", "max_rings", "points", "points_if_apology"});
  const json::value* count = decoder.Field(*object, path, "max_count", false);
  const json::value* rings = decoder.Field(*object, path, "max_rings", false);
  if (count != nullptr && rings != nullptr) {
    decoder.Fail(Child(path, "max_rings"), "give max_count or max_rings, not both");
  } else if (count == nullptr && rings == nullptr) {
    decoder.Fail(Child(path, BoundKey(item)),
                 "required key is missing (null for the last, unbounded tier)");
  } else {
    const json::value& bound = count != nullptr ? *count : *rings;
    if (!bound.is_null()) {
      tier.max_count =
          decoder.Integer(bound, Child(path, count != nullptr ? "max_count" : "max_rings"));
    }
  }
  tier.points = decoder.Number(*object, path, "points");
  tier.points_if_apology = decoder.OptionalNumber(*object, path, "points_if_apology");
  return tier;
}

Item DecodeItem(Decoder& decoder, const json::value& value, const std::string& path) {
  Item item;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return item;
  decoder.CheckKeys(*object, path,
                    {"id", "stage", "ko", "en", "type", "points", "not_applicable", "critical",
                     "observe", "tiers", "elements", "check_en"},
                    {{"name_ko", kUseKo}, {"name_en", kUseKo}, {"critical_cap", kCapOnRubric}});
  item.id = decoder.String(*object, path, "id", true);
  item.stage = decoder.String(*object, path, "stage", true);
  item.name_ko = decoder.String(*object, path, "ko", true);
  item.name_en = decoder.String(*object, path, "en", false);
  const std::string type = decoder.String(*object, path, "type", true);
  if (!decoder.failed()) {
    if (const std::optional<ItemType> parsed = rubric::ParseItemType(type)) {
      item.type = *parsed;
    } else {
      decoder.Fail(Child(path, "type"), "unknown item type " + Quote(type) +
                                            "; use binary, tiered, checklist or level5");
    }
  }
  item.points = decoder.Number(*object, path, "points");
  if (decoder.Field(*object, path, "not_applicable", false) != nullptr) {
    const std::string policy = decoder.String(*object, path, "not_applicable", true);
    if (const std::optional<NotApplicablePolicy> parsed =
            rubric::ParseNotApplicablePolicy(policy)) {
      item.not_applicable = *parsed;
    } else if (!decoder.failed()) {
      decoder.Fail(Child(path, "not_applicable"),
                   "unknown policy " + Quote(policy) + "; use not_allowed, full_marks or rescale");
    }
  }
  item.critical = decoder.Bool(*object, path, "critical");
  item.observe = decoder.String(*object, path, "observe", false);
  const json::array& tiers = decoder.Array(*object, path, "tiers", false);
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    item.tiers.push_back(DecodeTier(decoder, tiers[i], Child(Child(path, "tiers"), i), item));
  }
  const json::array& elements = decoder.Array(*object, path, "elements", false);
  for (std::size_t i = 0; i < elements.size(); ++i) {
    item.elements.push_back(DecodeElement(decoder, elements[i], Child(Child(path, "elements"), i)));
  }
  item.check_en = decoder.String(*object, path, "check_en", false);
  return item;
}

// A rubric object at `path` ("" for a lone rubric, "rubrics/0" in a file), then checked with
// ValidateRubric. `fractions` apply when the rubric sets no "level_fractions"; they come from
// `fractions_path` ("" for the built-in defaults).
Rubric DecodeRubric(Decoder& decoder, const json::value& value, const std::string& path,
                    const std::array<double, 5>& fractions, std::string_view fractions_path) {
  Rubric rubric;
  const json::object* object = decoder.Object(value, path);
  if (object == nullptr) return rubric;
  decoder.CheckKeys(
      *object, path,
      {"code", "channel", "version", "name_ko", "name_en", "stages", "items", "flags",
       "level_fractions", "critical_cap"},
      {{"ko", "a rubric's names use \"name_ko\" and \"name_en\""},
       {"en", "a rubric's names use \"name_ko\" and \"name_en\""},
       {"level_scale",
        "a rubric sets its own fractions with \"level_fractions\"; \"level_scale\" belongs at "
        "the top of a rubric file"},
       {"critical",
        "a rubric caps critical contacts with \"critical_cap\"; \"critical\": true "
        "marks an item"}});
  rubric.code = decoder.String(*object, path, "code", true);
  const std::string channel = decoder.String(*object, path, "channel", true);
  if (!decoder.failed()) {
    if (const std::optional<Channel> parsed = ParseChannel(channel)) {
      rubric.channel = *parsed;
    } else {
      decoder.Fail(Child(path, "channel"),
                   "unknown channel " + Quote(channel) + "; use phone or visit");
    }
  }
  if (const json::value* version = decoder.Field(*object, path, "version", true)) {
    rubric.version = decoder.Integer(*version, Child(path, "version"));
  }
  rubric.name_ko = decoder.String(*object, path, "name_ko", true);
  rubric.name_en = decoder.String(*object, path, "name_en", false);
  const json::array& stages = decoder.Array(*object, path, "stages", true);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    rubric.stages.push_back(DecodeStage(decoder, stages[i], Child(Child(path, "stages"), i)));
  }
  const json::array& items = decoder.Array(*object, path, "items", true);
  for (std::size_t i = 0; i < items.size(); ++i) {
    rubric.items.push_back(DecodeItem(decoder, items[i], Child(Child(path, "items"), i)));
  }
  const json::array& flags = decoder.Array(*object, path, "flags", false);
  for (std::size_t i = 0; i < flags.size(); ++i) {
    rubric.flags.push_back(DecodeFlag(decoder, flags[i], Child(Child(path, "flags"), i)));
  }
  const bool own_fractions = decoder.Field(*object, path, "level_fractions", false) != nullptr;
  rubric.level_fractions = decoder.Fractions(*object, path, "level_fractions", fractions);
  rubric.critical_cap = decoder.OptionalNumber(*object, path, "critical_cap");
  if (!decoder.failed()) {
    decoder.FailAll(path, rubric::ValidateRubric(rubric),
                    own_fractions ? std::string_view() : fractions_path);
  }
  return rubric;
}

std::vector<GradeBand> DecodeGradeBands(Decoder& decoder, const json::object& file) {
  if (decoder.Field(file, "", "grade_bands", false) == nullptr) {
    return rubric::DefaultGradeBands();
  }
  std::vector<GradeBand> bands;
  const json::array& list = decoder.Array(file, "", "grade_bands", true);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = Child("grade_bands", i);
    const json::object* object = decoder.Object(list[i], path);
    if (object == nullptr) break;
    decoder.CheckKeys(*object, path, {"grade", "ko", "min"}, {{"name_ko", kUseKo}});
    GradeBand band;
    band.grade = decoder.String(*object, path, "grade", true);
    band.name_ko = decoder.String(*object, path, "ko", true);
    band.min = decoder.Number(*object, path, "min");
    bands.push_back(std::move(band));
  }
  if (!decoder.failed()) decoder.FailAll("", rubric::ValidateGradeBands(bands));
  return bands;
}

std::array<double, 5> DecodeLevelScale(Decoder& decoder, const json::object& file) {
  const json::value* value = decoder.Field(file, "", "level_scale", false);
  if (value == nullptr) return DefaultFractions();
  const json::object* scale = decoder.Object(*value, "level_scale");
  if (scale == nullptr) return DefaultFractions();
  decoder.CheckKeys(*scale, "level_scale", {"labels_ko", "labels_en", "fraction"});
  if (decoder.Field(*scale, "level_scale", "fraction", true) == nullptr) return DefaultFractions();
  return decoder.Fractions(*scale, "level_scale", "fraction", DefaultFractions());
}

// Serialises like boost::json::serialize, but writes numbers as the shortest decimal that reads
// back exactly ("0.75", "10") rather than Boost's "7.5E-1" and "1E1".
void Write(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::null:
      out += "null";
      return;
    case json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return;
    case json::kind::int64:
      out += std::to_string(value.get_int64());
      return;
    case json::kind::uint64:
      out += std::to_string(value.get_uint64());
      return;
    case json::kind::double_: {
      const double number = value.get_double() + 0.0;  // no "-0"
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      char buffer[64];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
      out.append(buffer, error == std::errc() ? end : buffer);
      return;
    }
    case json::kind::string:
      out += json::serialize(value.get_string());
      return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        Write(element, out);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const json::key_value_pair& entry : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(entry.key());
        out += ':';
        Write(entry.value(), out);
      }
      out += '}';
      return;
    }
  }
}

json::string_view Text(std::string_view text) { return {text.data(), text.size()}; }

json::object EncodeItem(const Item& item) {
  json::object object;
  object["id"] = Text(item.id);
  object["stage"] = Text(item.stage);
  object["ko"] = Text(item.name_ko);
  object["en"] = Text(item.name_en);
  object["type"] = rubric::ItemTypeCode(item.type);
  object["points"] = item.points;
  if (item.not_applicable != NotApplicablePolicy::kNotAllowed) {
    object["not_applicable"] = rubric::NotApplicablePolicyCode(item.not_applicable);
  }
  if (item.critical) object["critical"] = true;
  if (!item.observe.empty()) object["observe"] = Text(item.observe);
  if (!item.tiers.empty()) {
    json::array tiers;
    const std::string_view bound_key = BoundKey(item);
    for (const Tier& tier : item.tiers) {
      json::object entry;
      if (tier.max_count) {
        entry[bound_key] = *tier.max_count;
      } else {
        entry[bound_key] = nullptr;
      }
      entry["points"] = tier.points;
      if (tier.points_if_apology) entry["points_if_apology"] = *tier.points_if_apology;
      tiers.push_back(std::move(entry));
    }
    object["tiers"] = std::move(tiers);
  }
  if (!item.elements.empty()) {
    json::array elements;
    for (const ChecklistElement& element : item.elements) {
      elements.push_back(json::object{{"id", Text(element.id)},
                                      {"ko", Text(element.name_ko)},
                                      {"en", Text(element.name_en)},
                                      {"points", element.points}});
    }
    object["elements"] = std::move(elements);
  }
  if (!item.check_en.empty()) object["check_en"] = Text(item.check_en);
  return object;
}

}  // namespace

std::string RubricToJson(const rubric::Rubric& rubric) {
  json::object object;
  object["code"] = Text(rubric.code);
  object["channel"] = ChannelCode(rubric.channel);
  object["version"] = rubric.version;
  object["name_ko"] = Text(rubric.name_ko);
  object["name_en"] = Text(rubric.name_en);
  json::array stages;
  for (const Stage& stage : rubric.stages) {
    stages.push_back(json::object{{"code", Text(stage.code)},
                                  {"ko", Text(stage.name_ko)},
                                  {"en", Text(stage.name_en)},
                                  {"points", stage.points}});
  }
  object["stages"] = std::move(stages);
  json::array items;
  for (const Item& item : rubric.items) items.push_back(EncodeItem(item));
  object["items"] = std::move(items);
  json::array flags;
  for (const Flag& flag : rubric.flags) {
    flags.push_back(json::object{
        {"id", Text(flag.id)}, {"ko", Text(flag.name_ko)}, {"en", Text(flag.name_en)}});
  }
  object["flags"] = std::move(flags);
  // Always written, so a stored version keeps its fractions even if the default ever changes.
  object["level_fractions"] =
      json::array(rubric.level_fractions.begin(), rubric.level_fractions.end());
  if (rubric.critical_cap) object["critical_cap"] = *rubric.critical_cap;
  std::string out;
  Write(object, out);
  return out;
}

Result<rubric::Rubric> RubricFromJson(std::string_view json) {
  const Reporter reporter("");
  Result<json::value> value = ParseJson(json, reporter);
  if (!value) return value.error();
  Decoder decoder(reporter);
  rubric::Rubric rubric = DecodeRubric(decoder, *value, "", DefaultFractions(), "");
  if (decoder.failed()) return decoder.error();
  return rubric;
}

Result<RubricFile> ParseRubricFile(std::string_view json, std::string_view file_name) {
  const Reporter reporter(file_name);
  Result<json::value> value = ParseJson(json, reporter);
  if (!value) return value.error();
  Decoder decoder(reporter);
  const json::object* file = decoder.Object(*value, "");
  if (file == nullptr) return decoder.error();
  decoder.CheckKeys(*file, "", {"about", "level_scale", "grade_bands", "rubrics"},
                    {{"level_fractions",
                      "a file sets the fractions of its rubrics with \"level_scale\": "
                      "{\"fraction\": [...]}"}});
  RubricFile result;
  const std::array<double, 5> fractions = DecodeLevelScale(decoder, *file);
  const bool has_level_scale = decoder.Field(*file, "", "level_scale", false) != nullptr;
  result.grade_bands = DecodeGradeBands(decoder, *file);
  const json::array& rubrics = decoder.Array(*file, "", "rubrics", true);
  if (!decoder.failed() && rubrics.empty()) decoder.Fail("rubrics", "the file holds no rubric");
  for (std::size_t i = 0; i < rubrics.size() && !decoder.failed(); ++i) {
    const std::string path = Child("rubrics", i);
    rubric::Rubric rubric = DecodeRubric(decoder, rubrics[i], path, fractions,
                                         has_level_scale ? "level_scale/fraction" : "");
    if (decoder.failed()) break;
    for (const rubric::Rubric& earlier : result.rubrics) {
      if (earlier.code == rubric.code && earlier.version == rubric.version) {
        decoder.Fail(Child(path, "version"), "rubric " + rubric.code + " version " +
                                                 std::to_string(rubric.version) + " appears twice");
      }
    }
    result.rubrics.push_back(std::move(rubric));
  }
  if (decoder.failed()) return decoder.error();
  return result;
}

RubricFile DefaultRubricFile() {
  Result<RubricFile> file = ParseRubricFile(internal::Embedded("rubrics.json"), "rubrics.json");
  // The shipped file is checked by codec_test, so this is a build defect, not a user error.
  if (!file) throw std::logic_error("embedded " + file.error().message());
  return *std::move(file);
}

}  // namespace chinjeol::codec
