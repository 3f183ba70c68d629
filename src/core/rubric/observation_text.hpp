#pragma once

#include <string>

#include "core/rubric/observation.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::rubric {

// A sentence in Korean with its English translation, for what a person reads.
struct Wording {
  std::string ko;
  std::string en;
  friend bool operator==(const Wording&, const Wording&) = default;
};

// What the monitor observed for `item`, in words: "벨 4회 만에 받음, 기다리게 한 데 사과함" /
// "answered after 4 rings, apologised for the wait"; "인사말·소속 있음, 성명 없음" /
// "greeting word, department or team: yes; own name: no"; "우수 (5단계 중 4)" / "good (4 of 5)".
// Levels read 탁월/우수/보통/미흡/부진 (excellent … very poor).
Wording DescribeObservation(const Item& item, const Observation& observation);

// The item as a reader meets it: "첫인사·소속·성명" / "Opening greeting with department and
// name", with the stage's name: "맞이 · 첫인사·소속·성명".
Wording DescribeItem(const Rubric& rubric, const Item& item);

}  // namespace chinjeol::rubric
