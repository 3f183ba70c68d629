#include "core/programme/demo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/campaign/calendar.hpp"
#include "core/common/random.hpp"
#include "core/planning/commitment.hpp"
#include "core/planning/planner.hpp"
#include "core/programme/setup.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::programme {
namespace {

using org::DepartmentGroup;

struct DepartmentTemplate {
  const char* name;
  DepartmentGroup group;
  double counter_share;  // share of staff serving a counter; 0 = no counter unit
  const char* phone_a;   // two typical phone inquiries
  const char* phone_b;
};

// A city hall shaped like Pocheon's in 2021: 33 departments, 6 business offices, 7 affiliated
// bodies and 14 town offices.
constexpr DepartmentTemplate kDepartments[] = {
    {"기획예산과", DepartmentGroup::kHq, 0, "시 예산 편성 일정 문의",
     "주민참여예산 제안 방법 문의"},
    {"감사담당관", DepartmentGroup::kHq, 0, "공직비리 신고 절차 문의", "감사 결과 공개 문의"},
    {"자치행정과", DepartmentGroup::kHq, 0, "통반장 위촉 절차 문의", "주민자치회 참여 문의"},
    {"홍보담당관", DepartmentGroup::kHq, 0, "시정 소식지 구독 문의", "시 누리집 게시 요청"},
    {"민원지적과", DepartmentGroup::kHq, 0.5, "토지 분할 측량 신청 문의", "여권 발급 준비물 문의"},
    {"세정과", DepartmentGroup::kHq, 0.3, "재산세 부과 내역 문의", "취득세 감면 요건 문의"},
    {"징수과", DepartmentGroup::kHq, 0.3, "체납 지방세 분할 납부 문의", "자동차세 연납 신청 문의"},
    {"회계과", DepartmentGroup::kHq, 0, "물품 계약 입찰 참가 문의", "대금 지급 일정 문의"},
    {"정보통신과", DepartmentGroup::kHq, 0, "공공 와이파이 장애 신고", "시 누리집 회원 탈퇴 문의"},
    {"복지정책과", DepartmentGroup::kHq, 0.2, "기초생활수급 신청 자격 문의", "긴급복지 지원 문의"},
    {"희망복지과", DepartmentGroup::kHq, 0, "복지 사각지대 신고 방법", "통합사례관리 문의"},
    {"노인장애인과", DepartmentGroup::kHq, 0, "기초연금 신청 문의", "장애인 활동지원 문의"},
    {"여성가족과", DepartmentGroup::kHq, 0, "다문화가족 지원 문의", "한부모 가족 지원 문의"},
    {"아동보육과", DepartmentGroup::kHq, 0, "어린이집 입소 대기 문의", "아동수당 신청 문의"},
    {"교육청소년과", DepartmentGroup::kHq, 0, "장학금 신청 기간 문의",
     "청소년 방과후 프로그램 문의"},
    {"문화체육과", DepartmentGroup::kHq, 0, "생활체육 강좌 등록 문의", "문화행사 대관 문의"},
    {"관광과", DepartmentGroup::kHq, 0, "한탄강 지질공원 해설 예약", "관광안내 책자 요청"},
    {"일자리경제과", DepartmentGroup::kHq, 0, "구직 상담 예약 문의", "지역화폐 가맹점 등록 문의"},
    {"기업지원과", DepartmentGroup::kHq, 0, "중소기업 육성자금 문의", "공장 등록 절차 문의"},
    {"농업정책과", DepartmentGroup::kHq, 0, "농민수당 신청 문의", "농지 취득 자격 문의"},
    {"축산과", DepartmentGroup::kHq, 0, "가축 사육 제한 구역 문의", "동물 등록 방법 문의"},
    {"산림과", DepartmentGroup::kHq, 0, "산림 훼손 허가 문의", "산불 감시원 모집 문의"},
    {"환경보호과", DepartmentGroup::kHq, 0, "소음 민원 신고", "대기 배출시설 신고 문의"},
    {"자원순환과", DepartmentGroup::kHq, 0, "대형 폐기물 배출 신청",
     "음식물 쓰레기 수거 요일 문의"},
    {"건축과", DepartmentGroup::kHq, 0.2, "건축 허가 서류 문의", "위반 건축물 신고"},
    {"주택과", DepartmentGroup::kHq, 0, "공동주택 관리 민원", "주택 임대차 신고 문의"},
    {"도시정책과", DepartmentGroup::kHq, 0, "도시계획 열람 문의", "개발제한구역 행위 허가 문의"},
    {"도로과", DepartmentGroup::kHq, 0, "도로 파손 신고", "도로 점용 허가 문의"},
    {"교통행정과", DepartmentGroup::kHq, 0, "버스 노선 변경 문의", "불법 주정차 과태료 이의 문의"},
    {"건설과", DepartmentGroup::kHq, 0, "마을 안길 포장 요청", "공사 소음 민원"},
    {"하천과", DepartmentGroup::kHq, 0, "하천 점용 허가 문의", "배수로 정비 요청"},
    {"안전총괄과", DepartmentGroup::kHq, 0, "민방위 교육 일정 문의", "재난지원금 신청 문의"},
    {"공원녹지과", DepartmentGroup::kHq, 0, "가로수 가지치기 요청", "공원 시설 고장 신고"},
    {"상하수도사업소", DepartmentGroup::kAgency, 0.35, "수도 요금 과다 청구 문의",
     "단수 일정 문의"},
    {"차량등록사업소", DepartmentGroup::kAgency, 0.6, "자동차 이전 등록 서류 문의",
     "번호판 교체 문의"},
    {"시설관리사업소", DepartmentGroup::kAgency, 0, "공영주차장 정기권 문의", "시설 대관 문의"},
    {"한탄강사업소", DepartmentGroup::kAgency, 0, "캠핑장 예약 변경 문의",
     "주상절리길 운영 시간 문의"},
    {"공원관리사업소", DepartmentGroup::kAgency, 0, "수목원 입장 요금 문의",
     "숲 해설 프로그램 예약"},
    {"체육시설사업소", DepartmentGroup::kAgency, 0.3, "수영장 강습 등록 문의", "체육관 대관 문의"},
    {"보건소", DepartmentGroup::kAffiliated, 0.4, "예방접종 일정 문의", "건강진단결과서 발급 문의"},
    {"농업기술센터", DepartmentGroup::kAffiliated, 0.2, "토양 검정 신청 문의",
     "귀농 교육 일정 문의"},
    {"중앙도서관", DepartmentGroup::kAffiliated, 0.5, "도서 대출 연장 문의", "독서 프로그램 신청"},
    {"평생학습관", DepartmentGroup::kAffiliated, 0.3, "평생학습 강좌 수강 신청",
     "자격증 과정 문의"},
    {"청소년수련관", DepartmentGroup::kAffiliated, 0, "청소년 캠프 신청 문의",
     "동아리실 대관 문의"},
    {"의회사무국", DepartmentGroup::kAffiliated, 0, "시의회 방청 신청 문의", "의정 자료 열람 문의"},
    {"가족센터", DepartmentGroup::kAffiliated, 0.2, "가족 상담 예약 문의", "아이돌봄 서비스 문의"},
    {"소흘읍", DepartmentGroup::kTown, 0.5, "전입신고 방법 문의", "주민등록등본 발급 문의"},
    {"군내면", DepartmentGroup::kTown, 0.5, "인감증명 발급 문의", "농지원부 발급 문의"},
    {"내촌면", DepartmentGroup::kTown, 0.5, "경로당 지원 문의", "전입신고 방법 문의"},
    {"가산면", DepartmentGroup::kTown, 0.5, "주민등록등본 발급 문의", "복지 상담 예약"},
    {"신북면", DepartmentGroup::kTown, 0.5, "인감증명 발급 문의", "마을 행사 지원 문의"},
    {"창수면", DepartmentGroup::kTown, 0.5, "농지원부 발급 문의", "쓰레기 수거 문의"},
    {"영중면", DepartmentGroup::kTown, 0.5, "전입신고 방법 문의", "경로당 지원 문의"},
    {"일동면", DepartmentGroup::kTown, 0.5, "주민등록등본 발급 문의", "복지 상담 예약"},
    {"이동면", DepartmentGroup::kTown, 0.5, "인감증명 발급 문의", "농지원부 발급 문의"},
    {"영북면", DepartmentGroup::kTown, 0.5, "전입신고 방법 문의", "마을 행사 지원 문의"},
    {"관인면", DepartmentGroup::kTown, 0.5, "주민등록등본 발급 문의", "쓰레기 수거 문의"},
    {"화현면", DepartmentGroup::kTown, 0.5, "인감증명 발급 문의", "경로당 지원 문의"},
    {"포천동", DepartmentGroup::kTown, 0.5, "전입신고 방법 문의", "복지 상담 예약"},
    {"선단동", DepartmentGroup::kTown, 0.5, "주민등록등본 발급 문의", "농지원부 발급 문의"},
};
constexpr std::size_t kTemplateCount = std::size(kDepartments);

// Surnames roughly by frequency in Korea, and syllables for two-syllable given names.
constexpr std::pair<const char*, int> kSurnames[] = {
    {"김", 215}, {"이", 147}, {"박", 84}, {"최", 47}, {"정", 43}, {"강", 24}, {"조", 21},
    {"윤", 20},  {"장", 20},  {"임", 17}, {"한", 15}, {"오", 14}, {"서", 14}, {"신", 14},
    {"권", 14},  {"황", 13},  {"안", 13}, {"송", 12}, {"류", 12}, {"전", 11}, {"홍", 11},
    {"고", 9},   {"문", 9},   {"양", 8},  {"손", 8},  {"배", 8},  {"백", 7},  {"허", 6},
    {"유", 6},   {"남", 6},   {"심", 5},  {"노", 5},  {"하", 5},  {"곽", 4},  {"성", 4}};
constexpr const char* kGivenSyllables[] = {
    "민", "서", "지", "현", "준", "영", "수", "은", "하", "예", "도", "윤", "우", "진", "연",
    "주", "재", "혜", "성", "정", "승", "태", "유", "희", "경", "미", "상", "동", "다", "아",
    "건", "훈", "혁", "빈", "원", "석", "나", "채", "소", "인", "규", "선", "호", "린", "율"};

constexpr const char* kGeneralPhone[][2] = {{"G-P01", "담당 부서를 모르는 민원 문의"},
                                            {"G-P02", "서류 발급 수수료 문의"},
                                            {"G-P03", "시청 주차 안내 문의"},
                                            {"G-P04", "처리 기간 확인 요청"},
                                            {"G-P05", "담당자 부재 시 연락 요청"}};
constexpr const char* kGeneralVisit[][2] = {{"G-V01", "처음 방문한 민원인의 길 안내 요청"},
                                            {"G-V02", "서식 작성 방법 문의"},
                                            {"G-V03", "대기 시간 문의"}};

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

std::string KoreanName(Random& random) {
  int total = 0;
  for (const auto& [surname, weight] : kSurnames) total += weight;
  int pick = random.Between(0, total - 1);
  std::string name;
  for (const auto& [surname, weight] : kSurnames) {
    if (pick < weight) {
      name = surname;
      break;
    }
    pick -= weight;
  }
  const std::size_t syllables = std::size(kGivenSyllables);
  name += kGivenSyllables[random.Below(syllables)];
  name += kGivenSyllables[random.Below(syllables)];
  return name;
}

std::string Padded(long number, int width) {
  std::string text = std::to_string(number);
  if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
  return text;
}

// Draws what a monitor observes for one item from the contact's latent quality `eta`.
rubric::Observation Observe(const rubric::Item& item, std::size_t item_index, double eta,
                            Random& random) {
  const double location = 0.7 - 0.12 * static_cast<double>(item_index % 6);
  if (item.not_applicable != rubric::NotApplicablePolicy::kNotAllowed && random.Chance(0.45)) {
    return rubric::NotApplicable{};
  }
  switch (item.type) {
    case rubric::ItemType::kBinary:
      return rubric::BinaryObservation{random.Chance(NormalCdf(eta + location))};
    case rubric::ItemType::kLevel5: {
      const double z = eta + location - 0.3 + random.Normal();
      constexpr std::array<double, 4> kCuts{-1.5, -0.5, 0.3, 1.1};
      int level = 1;
      for (const double cut : kCuts) level += z > cut ? 1 : 0;
      return rubric::LevelObservation{level};
    }
    case rubric::ItemType::kTiered: {
      const int count =
          std::max(1, static_cast<int>(std::lround(3.2 - 1.4 * eta + 1.3 * random.Normal())));
      return rubric::CountObservation{count, count >= 4 && random.Chance(NormalCdf(eta))};
    }
    case rubric::ItemType::kChecklist: {
      rubric::ChecklistObservation observation;
      for (const rubric::ChecklistElement& element : item.elements) {
        if (random.Chance(NormalCdf(eta + location + 0.3)))
          observation.elements.push_back(element.id);
      }
      return observation;
    }
  }
  return rubric::NotApplicable{};
}

const rubric::Rubric* FindRubric(const std::vector<rubric::Rubric>& rubrics,
                                 std::string_view code) {
  const rubric::Rubric* best = nullptr;
  for (const rubric::Rubric& rubric : rubrics) {
    if (rubric.code == code && (best == nullptr || rubric.version > best->version)) best = &rubric;
  }
  return best;
}

// Everything the simulation needs while drawing contacts.
struct Simulation {
  const DemoProgramme& demo;
  const campaign::Campaign& campaign;
  const campaign::WorkingCalendar& calendar;
  const rubric::Rubric& phone_rubric;
  const rubric::Rubric& visit_rubric;
  std::unordered_map<std::string, double> kindness, severity, difficulty;
  std::unordered_map<std::string, std::vector<std::size_t>> staff_by_department;
  std::unordered_map<std::string, std::size_t> employee_index;
  Random random;
  std::unordered_map<std::string, int> coached_from;  // employee_no -> day of the session
};

double CoachingBoost(const Simulation& sim, const std::string& employee_no, const Date& day) {
  const auto coached = sim.coached_from.find(employee_no);
  return coached != sim.coached_from.end() && DayNumber(day) > coached->second
             ? sim.demo.truth.coaching_effect
             : 0.0;
}

// After round 1: the sixth of the staff with the lowest round-1 mean is coached in the second
// week of round 2, on their two items with the lowest share of points.
void CoachLowestScorers(Simulation& sim, DemoProgramme& demo, const campaign::Round& round_two) {
  struct Sums {
    double total = 0;
    int n = 0;
    std::map<std::string, std::pair<double, int>> items;
  };
  std::map<std::string, Sums> sums;
  for (const evaluation::Evaluation& contact : demo.evaluations) {
    if (contact.round != 1 || !contact.score) continue;
    Sums& sum = sums[contact.employee_no];
    sum.total += contact.score->total;
    ++sum.n;
    for (const rubric::ItemScore& item : contact.score->items) {
      if (!item.points || item.max_points <= 0) continue;
      auto& [total, n] = sum.items[item.item_id];
      total += *item.points / item.max_points;
      ++n;
    }
  }
  std::vector<std::pair<double, std::string>> means;
  for (const auto& [employee_no, sum] : sums) means.emplace_back(sum.total / sum.n, employee_no);
  std::sort(means.begin(), means.end());
  const Date date = AddDays(round_two.start, 7);
  const std::array<const char*, 3> coaches{"coach", "정다은 코치", "한결 코치"};
  for (std::size_t i = 0; i < means.size() / 6; ++i) {
    const std::string& employee_no = means[i].second;
    std::vector<std::pair<double, std::string>> items;
    for (const auto& [id, total] : sums[employee_no].items) {
      items.emplace_back(total.first / total.second, id);
    }
    std::sort(items.begin(), items.end());
    std::vector<std::string> weakest;
    for (std::size_t k = 0; k < items.size() && k < 2; ++k) weakest.push_back(items[k].second);
    coaching::CoachingSession session;
    session.employee_no = employee_no;
    session.coach = coaches[i % coaches.size()];
    session.date = date;
    session.items = std::move(weakest);
    session.notes = "1회차 결과를 함께 보고 약한 항목을 연습함";
    demo.coaching_sessions.push_back(std::move(session));
    sim.coached_from[employee_no] = DayNumber(date);
  }
}

// A fifth of the staff, drawn at random, attends a telephone-manners session in round 1.
void TrainSome(DemoProgramme& demo, const campaign::Round& round_one, std::uint64_t seed) {
  Random random(seed * 0xD1B54A32D192ED03ULL + 3);
  coaching::TrainingSession session{"TR-2021-01",          AddDays(round_one.start, 21),
                                    "전화 응대 기본 교육", "민원친절 전문강사",
                                    {"P02", "P09", "P11"}, {}};
  for (const org::Employee& employee : demo.employees) {
    if (random.Chance(0.2)) session.attendees.push_back(employee.employee_no);
  }
  demo.training_sessions.push_back(std::move(session));
}

// Performs one planned contact: the monitor calls the employee (or visits the counter unit and
// is served by one of its counter staff) and observes the items from the hidden truth.
evaluation::Evaluation DrawContact(Simulation& sim, const planning::Assignment& assignment) {
  const Channel channel = assignment.channel;
  std::size_t employee_index = 0;
  if (channel == Channel::kPhone) {
    employee_index = sim.employee_index.at(assignment.employee_no);
  } else {
    std::vector<std::size_t> counter_staff;
    for (const std::size_t i : sim.staff_by_department[assignment.department_code]) {
      if (sim.demo.employees[i].counter && sim.demo.employees[i].active) counter_staff.push_back(i);
    }
    employee_index = counter_staff[sim.random.Below(counter_staff.size())];
  }
  const org::Employee* employee = &sim.demo.employees[employee_index];
  const rubric::Rubric& rubric = channel == Channel::kPhone ? sim.phone_rubric : sim.visit_rubric;
  evaluation::Evaluation evaluation;
  evaluation.code = assignment.code;  // the assignment the evaluation reports on
  evaluation.campaign_code = sim.campaign.code;
  evaluation.channel = channel;
  const int start = assignment.start_minute + static_cast<int>(sim.random.Below(5));
  evaluation.performed_at = {assignment.date, start / 60, start % 60,
                             static_cast<int>(sim.random.Below(60))};
  evaluation.round = assignment.round;
  evaluation.rubric_code = rubric.code;
  evaluation.rubric_version = rubric.version;
  evaluation.monitor_code = assignment.monitor_code;
  evaluation.scenario_code = assignment.scenario_code;
  if (assignment.lunch_sample) evaluation.flags.emplace_back(rubric::kFlagLunchHour);

  const double u = sim.random.Uniform();
  if (channel == Channel::kPhone && u < 0.05) {
    evaluation.flags = {std::string(rubric::kFlagUnanswered)};
  } else if (u < 0.06) {
    evaluation.flags.emplace_back(rubric::kFlagVoid);
  } else if (channel == Channel::kPhone && u < 0.09) {
    const auto& colleagues = sim.staff_by_department[employee->department_code];
    if (colleagues.size() > 1) {
      std::size_t colleague = employee_index;
      while (colleague == employee_index)
        colleague = colleagues[sim.random.Below(colleagues.size())];
      employee = &sim.demo.employees[colleague];
      evaluation.flags.emplace_back(rubric::kFlagAnsweredByColleague);
    }
  }
  evaluation.employee_no = employee->employee_no;
  evaluation.department_code = employee->department_code;

  if (!rubric::IsScored(evaluation.flags)) return evaluation;
  const double eta =
      0.9 + sim.kindness[employee->employee_no] - sim.severity[evaluation.monitor_code] -
      sim.difficulty[evaluation.scenario_code] + (channel == Channel::kVisit ? 0.1 : -0.1) +
      0.4 * sim.random.Normal() + CoachingBoost(sim, employee->employee_no, assignment.date);
  for (std::size_t i = 0; i < rubric.items.size(); ++i) {
    evaluation.observations.push_back(
        {rubric.items[i].id, Observe(rubric.items[i], i, eta, sim.random)});
  }
  if (eta < -0.6 && sim.random.Chance(0.3)) {
    evaluation.flags.emplace_back(rubric::kFlagCritical);
    evaluation.notes = "고압적인 말투로 용건을 끊음";
  }
  Result<std::optional<rubric::ContactScore>> score =
      rubric::ScoreSheet(rubric, evaluation.observations, evaluation.flags);
  if (score) evaluation.score = *std::move(score);

  // Most evaluations are reviewed already; some wait in the queue or were sent back.
  const double review = sim.random.Uniform();
  const bool critical = std::find(evaluation.flags.begin(), evaluation.flags.end(),
                                  rubric::kFlagCritical) != evaluation.flags.end();
  if (critical || review < 0.02) {
    evaluation.state = evaluation::ReviewState::kSubmitted;
  } else if (review < 0.025) {
    evaluation.state = evaluation::ReviewState::kReturned;
    evaluation.review_reason = "응대 내용 기록을 보완해 주세요";
  }
  return evaluation;
}

}  // namespace

Result<DemoProgramme> GenerateDemo(const DemoOptions& options,
                                   const std::vector<rubric::Rubric>& rubrics,
                                   const campaign::WorkingCalendar& calendar) {
  if (options.employees < 20) {
    return InvalidArgument("a demo needs at least 20 employees",
                           {{"employees", "must be at least 20"}});
  }
  const rubric::Rubric* phone_rubric = FindRubric(rubrics, "phone-default");
  const rubric::Rubric* visit_rubric = FindRubric(rubrics, "visit-default");
  if (phone_rubric == nullptr || visit_rubric == nullptr) {
    return FailedPrecondition("the default rubrics phone-default and visit-default are missing");
  }
  Random random(options.seed);
  DemoProgramme demo;

  // Departments: the 60 of the template, repeated with a district number for larger bodies.
  const std::size_t department_count =
      std::max<std::size_t>(kTemplateCount, static_cast<std::size_t>(options.employees / 20));
  std::vector<const DepartmentTemplate*> templates;
  for (std::size_t i = 0; i < department_count; ++i) {
    const DepartmentTemplate& t = kDepartments[i % kTemplateCount];
    const std::size_t copy = i / kTemplateCount;
    std::string name = t.name;
    if (copy > 0) name = std::to_string(copy + 1) + "지구 " + name;
    demo.departments.push_back({"D" + Padded(static_cast<long>(i) + 1, 4), name, t.group});
    templates.push_back(&t);
  }

  // Staff: department sizes vary (town offices and big HQ departments are larger).
  std::vector<double> weights;
  double total_weight = 0;
  for (std::size_t i = 0; i < department_count; ++i) {
    const double weight = (templates[i]->group == DepartmentGroup::kTown ? 1.0 : 1.2) *
                          std::exp(0.35 * random.Normal());
    weights.push_back(weight);
    total_weight += weight;
  }
  std::vector<int> sizes(department_count, 3);
  int assigned = static_cast<int>(department_count) * 3;
  for (std::size_t i = 0; i < department_count && assigned < options.employees; ++i) {
    const int extra =
        static_cast<int>((options.employees - 3.0 * department_count) * weights[i] / total_weight);
    sizes[i] += std::max(0, extra);
    assigned += std::max(0, extra);
  }
  for (std::size_t i = 0; assigned < options.employees; i = (i + 1) % department_count) {
    ++sizes[i];
    ++assigned;
  }
  long serial = 1;
  for (std::size_t d = 0; d < department_count; ++d) {
    const DepartmentTemplate& t = *templates[d];
    for (int k = 0; k < sizes[d] && static_cast<int>(demo.employees.size()) < options.employees;
         ++k) {
      org::Employee employee;
      employee.employee_no = "2021" + Padded(serial, 5);
      employee.name = KoreanName(random);
      employee.department_code = demo.departments[d].code;
      if (k == 0) {
        employee.position = t.group == DepartmentGroup::kTown
                                ? (std::string(t.name).ends_with("동") ? "동장" : "읍면장")
                                : (t.group == DepartmentGroup::kHq ? "과장" : "소장");
      } else {
        employee.position = k % 6 == 1 ? "팀장" : "주무관";
      }
      employee.phone =
          "031-" + std::to_string(538 + serial / 10000) + "-" + Padded(serial % 10000, 4);
      employee.counter = k > 0 && t.counter_share > 0 && random.Chance(t.counter_share);
      demo.employees.push_back(std::move(employee));
      ++serial;
    }
  }

  // Monitors: a contracted firm's panel, about one per 80 staff (at least 15).
  const int monitor_count = std::max(15, options.employees / 80);
  for (int m = 0; m < monitor_count; ++m) {
    org::Monitor monitor;
    monitor.code = "M" + Padded(m + 1, 3);
    monitor.name = KoreanName(random);
    monitor.gender = random.Chance(0.6) ? "여" : "남";
    monitor.age_band = std::to_string(random.Between(2, 6) * 10) + "대";
    monitor.phone_per_day = 12;
    monitor.visit_per_day = 4;
    demo.monitors.push_back(std::move(monitor));
  }

  // Scenario library: two phone stories per department, one visit story per counter unit,
  // general ones for any department, and one abusive-caller script kept for training only.
  std::unordered_set<std::string> counter_units;
  for (const org::Employee& employee : demo.employees) {
    if (employee.counter) counter_units.insert(employee.department_code);
  }
  for (std::size_t d = 0; d < department_count; ++d) {
    const org::Department& department = demo.departments[d];
    const DepartmentTemplate& t = *templates[d];
    demo.scenarios.push_back({department.code + "-P1", department.code, Channel::kPhone, t.phone_a,
                              std::string(t.phone_a) + "에 대해 처음 문의하는 시민으로 전화한다.",
                              false});
    demo.scenarios.push_back({department.code + "-P2", department.code, Channel::kPhone, t.phone_b,
                              std::string(t.phone_b) + "에 대해 구체적인 절차를 묻는다.", false});
    if (counter_units.contains(department.code)) {
      demo.scenarios.push_back({department.code + "-V1", department.code, Channel::kVisit,
                                std::string(t.phone_a) + " (방문)",
                                "창구를 방문하여 " + std::string(t.phone_a) + "을 한다.", false});
    }
  }
  for (const auto& [code, title] : kGeneralPhone) {
    demo.scenarios.push_back({code, "*", Channel::kPhone, title, std::string(title) + ".", false});
  }
  for (const auto& [code, title] : kGeneralVisit) {
    demo.scenarios.push_back({code, "*", Channel::kVisit, title, std::string(title) + ".", false});
  }
  demo.scenarios.push_back({"G-P99", "*", Channel::kPhone, "폭언 민원인 대응 (교육용)",
                            "교육 전용: 폭언하는 민원인 역할. 평가에 배정하지 않는다.", true});

  demo.campaign = {"POC-2021",
                   "2021년 민원서비스 친절도 평가",
                   *ParseDate("2021-05-17"),
                   *ParseDate("2021-09-16"),
                   2,
                   1,
                   1,
                   campaign::LunchPolicy::kAvoid};
  Result<campaign::Campaign> campaign = campaign::PlanCampaign(demo.campaign, calendar);
  if (!campaign) return campaign.error();

  // The hidden truth (probit scale, as in the fair-score anchors' rubric mode).
  Simulation sim{demo, *campaign,      calendar, *phone_rubric, *visit_rubric, {}, {}, {}, {},
                 {},   random.Fork(1), {}};
  std::unordered_map<std::string, double> department_effect;
  for (const org::Department& department : demo.departments) {
    department_effect[department.code] = 0.25 * random.Normal();
  }
  for (std::size_t i = 0; i < demo.employees.size(); ++i) {
    const org::Employee& employee = demo.employees[i];
    const double latent = department_effect[employee.department_code] + 0.5 * random.Normal();
    sim.kindness[employee.employee_no] = latent;
    demo.truth.employee_kindness.emplace_back(employee.employee_no, latent);
    sim.staff_by_department[employee.department_code].push_back(i);
  }
  for (const org::Monitor& monitor : demo.monitors) {
    const double severity = 0.35 * random.Normal();
    sim.severity[monitor.code] = severity;
    demo.truth.monitor_severity.emplace_back(monitor.code, severity);
  }
  for (const org::Scenario& scenario : demo.scenarios) {
    if (scenario.abusive) continue;
    const double difficulty = 0.3 * random.Normal();
    sim.difficulty[scenario.code] = difficulty;
    demo.truth.scenario_difficulty.emplace_back(scenario.code, difficulty);
  }

  // Fieldwork as a city runs it: the planner schedules every contact; each week the monitors
  // perform what was due, and unanswered or void contacts are re-planned for a later day.
  for (std::size_t i = 0; i < demo.employees.size(); ++i) {
    sim.employee_index.emplace(demo.employees[i].employee_no, i);
  }
  planning::PlanInput input;
  input.departments = demo.departments;
  input.employees = demo.employees;
  input.monitors = demo.monitors;
  input.scenarios = demo.scenarios;
  input.campaign = *campaign;
  input.calendar = calendar;
  input.options.seed = options.seed * 0x9E3779B97F4A7C15ULL + 1;
  input.options.code_seed = options.seed * 0xBF58476D1CE4E5B9ULL + 2;
  Result<planning::Plan> plan = planning::BuildPlan(input);
  if (!plan) return plan.error();
  demo.first_plan = *plan;
  std::vector<planning::Assignment> assignments = plan->assignments;
  TrainSome(demo, campaign->rounds.front(), options.seed);
  bool coached = campaign->rounds.size() < 2;
  for (Date week_end = AddDays(campaign->start, static_cast<int>(5 - IsoWeekday(campaign->start)));
       std::chrono::sys_days(week_end) <= std::chrono::sys_days(AddDays(campaign->end, 6));
       week_end = AddDays(week_end, 7)) {
    bool repeat_needed = false;
    for (planning::Assignment& assignment : assignments) {
      if (!planning::IsLive(assignment.status) ||
          assignment.status == planning::AssignmentStatus::kDone ||
          std::chrono::sys_days(assignment.date) > std::chrono::sys_days(week_end)) {
        continue;
      }
      evaluation::Evaluation contact = DrawContact(sim, assignment);
      assignment.status = planning::AssignmentStatus::kDone;
      for (const std::string& flag : contact.flags) {
        if (flag == rubric::kFlagUnanswered)
          assignment.status = planning::AssignmentStatus::kUnanswered;
        if (flag == rubric::kFlagVoid) assignment.status = planning::AssignmentStatus::kVoid;
      }
      repeat_needed |= assignment.status != planning::AssignmentStatus::kDone;
      demo.evaluations.push_back(std::move(contact));
    }
    if (!coached &&
        std::chrono::sys_days(week_end) >= std::chrono::sys_days(campaign->rounds.front().end)) {
      CoachLowestScorers(sim, demo, campaign->rounds[1]);
      coached = true;
    }
    if (!repeat_needed || std::chrono::sys_days(week_end) >= std::chrono::sys_days(campaign->end)) {
      continue;
    }
    input.existing = assignments;
    input.now = LocalDateTime{week_end, 18, 0, 0};
    Result<planning::Plan> replanned = planning::BuildPlan(input);
    if (!replanned) return replanned.error();
    *plan = std::move(*replanned);
    assignments = plan->assignments;
  }
  plan->assignments = std::move(assignments);
  demo.plan = std::move(*plan);
  return demo;
}

Result<DemoSummary> InstallDemo(ports::Storage& storage, const DemoOptions& options,
                                const std::function<std::string(std::string_view)>& digest) {
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  Result<campaign::WorkingCalendar> calendar = LoadCalendar(storage);
  if (!calendar) return calendar.error();
  Result<DemoProgramme> demo = GenerateDemo(options, *rubrics, *calendar);
  if (!demo) return demo.error();
  Result<std::optional<campaign::Campaign>> existing =
      storage.campaigns().FindCampaign(demo->campaign.code);
  if (!existing) return existing.error();
  if (*existing) {
    return Error(ErrorCode::kAlreadyExists, "this database already holds the demo campaign " +
                                                demo->campaign.code + "; use a new database file");
  }
  Result<campaign::Campaign> campaign = campaign::PlanCampaign(demo->campaign, *calendar);
  if (!campaign) return campaign.error();

  DemoSummary summary;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    auto& organisation = storage.organisation();
    if (Result<void> r = organisation.SaveDepartments(demo->departments); !r) return r;
    if (Result<void> r = organisation.SaveEmployees(demo->employees); !r) return r;
    if (Result<void> r = organisation.SaveMonitors(demo->monitors); !r) return r;
    if (Result<void> r = organisation.SaveScenarios(demo->scenarios); !r) return r;
    if (Result<void> r = storage.campaigns().CreateCampaign(*campaign); !r) return r;
    Result<std::unique_ptr<evaluation::EvaluationWriter>> writer =
        storage.evaluations().OpenWriter();
    if (!writer) return writer.error();
    long line = 1;
    for (const evaluation::Evaluation& evaluation : demo->evaluations) {
      if (Result<void> r = (*writer)->Add(evaluation, ++line); !r) return r;
    }
    Result<std::vector<FieldViolation>> conflicts = (*writer)->Finish();
    if (!conflicts) return conflicts.error();
    if (!conflicts->empty()) return Internal("demo evaluation codes collide");
    if (Result<void> r = storage.coaching().SaveTrainingSessions(demo->training_sessions); !r) {
      return r;
    }
    if (Result<void> r = storage.coaching().AddCoachingSessions(demo->coaching_sessions); !r) {
      return r;
    }
    // The schedule as first made (the commitment), then as fieldwork left it.
    const std::string first_digest = digest(planning::CanonicalPlanText(demo->first_plan));
    if (Result<void> r = storage.assignments().SavePlan(demo->first_plan, first_digest,
                                                        "2021-05-13T17:00:00", "first plan");
        !r) {
      return r;
    }
    return storage.assignments().SavePlan(
        demo->plan, digest(planning::CanonicalPlanText(demo->plan)), "2021-09-16T18:00:00",
        "재시도 retries of unanswered calls and repeats of void contacts");
  });
  if (!saved) return saved.error();

  summary.departments = static_cast<long>(demo->departments.size());
  for (const org::Department& department : demo->departments) {
    summary.towns += department.group == DepartmentGroup::kTown ? 1 : 0;
  }
  summary.employees = static_cast<long>(demo->employees.size());
  std::unordered_set<std::string> counter_units;
  for (const org::Employee& employee : demo->employees) {
    if (employee.counter) counter_units.insert(employee.department_code);
  }
  summary.counter_units = static_cast<long>(counter_units.size());
  summary.monitors = static_cast<long>(demo->monitors.size());
  summary.scenarios = static_cast<long>(demo->scenarios.size());
  summary.campaign_code = demo->campaign.code;
  summary.assignments = static_cast<long>(demo->plan.assignments.size());
  summary.evaluations = static_cast<long>(demo->evaluations.size());
  summary.coached = static_cast<long>(demo->coaching_sessions.size());
  for (const coaching::TrainingSession& session : demo->training_sessions) {
    summary.trained += static_cast<long>(session.attendees.size());
  }
  for (const evaluation::Evaluation& evaluation : demo->evaluations) {
    summary.scored += evaluation.score ? 1 : 0;
    summary.pending_review += evaluation.state == evaluation::ReviewState::kSubmitted ? 1 : 0;
  }
  return summary;
}

}  // namespace chinjeol::programme
