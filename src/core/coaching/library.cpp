#include "core/coaching/library.hpp"

#include <algorithm>

namespace chinjeol::coaching {

std::vector<PracticeModule> DefaultLibrary() {
  return {
      {"P01", "세 번 울리기 전에 받기", "Answer within three rings",
       "벨이 세 번 울리기 전에 받고, 늦었을 때는 \"기다리게 해서 죄송합니다\"로 시작합니다.",
       "Pick up before the third ring; when late, open with \"Sorry to keep you waiting\".",
       "자리를 비울 때 당겨 받기·착신 전환을 설정하는 연습, 늦게 받은 통화의 첫 문장 소리 내어 "
       "말하기.",
       "Set call pick-up or forwarding before leaving the desk; say the first sentence of a late "
       "answer aloud."},
      {"P02", "인사말·소속·이름으로 받기", "Greeting, department and name",
       "\"감사합니다. 민원지적과 홍길동입니다.\"처럼 인사말, 소속, 성명을 한 문장에 담습니다.",
       "\"Thank you for calling, Civil Records, Hong Gil-dong speaking\": greeting, department and "
       "name in one sentence.",
       "자기 인사 문장을 적어 전화기 옆에 붙이고, 동료와 열 번 주고받으며 녹음해 들어 보기.",
       "Write your opening line, stick it by the phone and practise it ten times with a colleague, "
       "recording and listening back."},
      {"P03", "한 번에 연결하고 용건 전하기", "Transfer once, with the gist",
       "담당자와 번호를 먼저 알려 드리고, 용건을 담당자에게 전한 뒤 연결합니다. 부재 중이면 "
       "이름과 연락처를 메모해 회신을 약속합니다.",
       "Tell the caller who handles it and the number, pass the gist on before transferring; if "
       "the "
       "person is absent, take name and number and promise a call back.",
       "부서 업무 분장표로 자주 묻는 다섯 가지 민원의 담당자 찾기, 부재 메모 양식 채우기 연습.",
       "Find the right person for the five most common requests in the duty chart; practise the "
       "absence message form."},
      {"P04", "끝까지 듣고 호응하기", "Listen to the end and acknowledge",
       "말을 끊지 않고 \"네, 그러셨군요\"처럼 호응하며, 요점을 한 번 되짚어 확인합니다.",
       "Let the caller finish, acknowledge (\"I see, that must have been…\") and sum up the point "
       "once.",
       "동료가 읽는 민원 사례를 듣고 요점을 한 문장으로 되짚는 연습 다섯 번.",
       "A colleague reads five cases; sum up each one in a single sentence."},
      {"P05", "정확하고 쉽게 설명하기", "Explain accurately and simply",
       "전문 용어 대신 쉬운 말로, 필요한 서류·기한·장소를 순서대로 정확히 안내합니다.",
       "Plain words instead of jargon; documents, deadline and place in order, correctly.",
       "자주 묻는 질문 세 가지의 답을 중학생이 알아들을 말로 다시 쓰고 소리 내어 설명하기.",
       "Rewrite the answers to three frequent questions so a teenager would understand, and "
       "explain "
       "them aloud."},
      {"P06", "먼저 더 안내하기", "Offer more than was asked",
       "묻지 않았어도 함께 필요한 절차나 온라인 신청 방법, 다음 단계를 먼저 알려 드립니다.",
       "Mention the related step, the online route or what comes next, before being asked.",
       "업무별로 '함께 알려 드릴 것' 한 가지씩 목록 만들기.",
       "For each task, list one thing worth telling the caller unprompted."},
      {"P07", "공손한 말씨", "Polite words and tone",
       "\"~하십시오\" 대신 \"~해 주시겠어요?\", 안 되는 일은 이유와 대안을 함께 말합니다.",
       "Requests rather than orders; when something cannot be done, give the reason and an "
       "alternative.",
       "거절해야 하는 사례 세 가지를 대안과 함께 말하는 역할극.",
       "Role-play three refusals, each with a reason and an alternative."},
      {"P08", "또렷한 목소리와 알맞은 속도", "Clear voice and pace",
       "밝고 또렷한 목소리로, 숫자와 이름은 천천히 나누어 말합니다.",
       "A bright, clear voice; numbers and names slowly, in parts.",
       "전화번호·주소를 읽는 자기 목소리를 녹음해 속도와 발음 점검하기.",
       "Record yourself reading phone numbers and addresses; check pace and pronunciation."},
      {"P09", "더 궁금한 점 여쭙기", "Ask about further questions",
       "마치기 전에 \"더 궁금하신 점은 없으신가요?\"라고 여쭙니다.",
       "Before closing, ask \"Is there anything else I can help you with?\"",
       "통화 마무리 문장을 정해 열 통화 동안 빠짐없이 쓰기.",
       "Fix a closing question and use it on the next ten calls."},
      {"P10", "끝인사", "Closing greeting",
       "\"감사합니다. 좋은 하루 되세요.\"처럼 끝인사로 마칩니다.",
       "End with a closing greeting: \"Thank you, have a good day.\"",
       "첫인사와 끝인사를 한 쌍으로 적어 두고 연습하기.",
       "Write the opening and closing lines as a pair and practise them together."},
      {"P11", "상대가 끊은 뒤 내려놓기", "Let the caller hang up first",
       "끝인사 뒤 상대가 먼저 끊은 것을 확인하고 수화기를 내려놓습니다.",
       "After the closing greeting, wait until the caller has hung up.",
       "통화마다 끝인사 뒤 마음속으로 셋을 센 다음 내려놓는 습관 들이기.",
       "After each closing greeting, count to three before putting the phone down."},
      {"P12", "기분 좋은 통화", "A call that leaves a good feeling",
       "처음부터 끝까지 친절하고 성의 있는 태도로 민원인이 존중받았다고 느끼게 합니다.",
       "From first word to last, a courteous and willing manner that leaves the caller respected.",
       "자신의 통화 한 건을 처음부터 끝까지 평가표로 스스로 점검하기.",
       "Score one of your own calls against the sheet from start to end."},
      {"V01", "찾기 쉽고 정돈된 민원실", "A tidy office that is easy to find your way in",
       "좌석배치도와 담당 업무 안내, 명패, 정돈된 서식대와 대기 의자를 갖춥니다.",
       "A seating chart with duties, name plates, tidy forms and seats for those waiting.",
       "민원인의 눈으로 민원실을 한 바퀴 돌며 점검표 채우기.",
       "Walk the office as a visitor would and fill in the checklist."},
      {"V02", "바로 알아보기", "Notice visitors at once",
       "민원인이 다가오면 하던 일을 멈추고 바로 눈을 맞춥니다.",
       "When a visitor approaches, stop what you are doing and look up at once.",
       "창구 앞에 선 사람을 5초 안에 알아보는 연습, 통화 중이면 손짓으로 먼저 인사.",
       "Acknowledge anyone at the counter within five seconds; if on the phone, greet with a "
       "gesture."},
      {"V03", "일어서서 먼저 맞이하기", "Rise and greet first",
       "일어서서 눈을 맞추고 미소와 함께 \"어서 오세요, 무엇을 도와드릴까요?\"라고 먼저 "
       "인사합니다.",
       "Stand, make eye contact, smile and greet first: \"Welcome, how can I help?\"",
       "동료와 창구 맞이를 역할극으로 다섯 번 연습하기.",
       "Role-play a counter welcome five times with a colleague."},
      {"V04", "단정한 복장과 공무원증", "Neat appearance and ID badge",
       "단정한 복장에 공무원증이나 명찰을 잘 보이게 답니다.",
       "Neat dress and the ID badge worn where it can be seen.",
       "출근 후 거울 앞 점검 목록(복장·명찰) 만들기.",
       "Keep a mirror checklist (dress, badge) for the start of the day."},
      {"V05", "공감하며 듣기", "Listen with empathy",
       "끝까지 듣고 \"많이 불편하셨겠어요\"처럼 마음을 알아 드린 뒤 용건을 확인합니다.",
       "Listen to the end, acknowledge the feeling (\"That must have been inconvenient\") and then "
       "confirm the request.",
       "불만 민원 사례 세 가지에 공감 문장 한 가지씩 만들어 말해 보기.",
       "Write and say one empathy sentence for each of three complaint cases."},
      {"V06", "정확하고 쉽게 설명하기", "Explain accurately and simply",
       "쉬운 말과 안내문·서식을 보여 드리며, 필요한 서류와 절차를 순서대로 설명합니다.",
       "Plain words, showing the leaflet or form; documents and steps in order.",
       "자주 받는 신청 세 가지의 절차를 한 장짜리 안내문으로 만들기.",
       "Make a one-page guide to the three most frequent applications."},
      {"V07", "대안 찾아 드리기", "Find an alternative",
       "바로 처리할 수 없으면 다른 방법, 담당 부서, 온라인 신청 등 대안을 찾아 드립니다.",
       "When it cannot be done now, offer another way: the right office, an online route, a later "
       "appointment.",
       "'안 됩니다' 대신 쓸 대안 문장을 업무별로 하나씩 만들기.",
       "For each task, write one alternative to use instead of \"that is not possible\"."},
      {"V08", "공손한 말과 태도", "Polite words and manner",
       "존댓말과 바른 자세로, 서류는 두 손으로 건넵니다.",
       "Polite speech and posture; hand documents over with both hands.",
       "창구 응대를 동료가 관찰하고 말씨·자세를 한 가지씩 짚어 주기.",
       "A colleague watches a counter contact and points out one thing on words and posture."},
      {"V09", "기다림 안내하기", "Tell visitors about the wait",
       "기다려야 하면 이유와 예상 시간을 알려 드리고 자리를 권합니다.",
       "If the visitor must wait, say why and for how long, and offer a seat.",
       "대기 안내 문장을 정해 창구에 붙여 두기.",
       "Fix a waiting message and keep it at the counter."},
      {"V10", "이해했는지 확인하기", "Check understanding",
       "마치기 전에 안내한 내용을 이해하셨는지, 더 필요한 것은 없는지 여쭙니다.",
       "Before finishing, check the visitor understood and ask whether anything else is needed.",
       "응대 마무리 질문 두 가지를 정해 하루 동안 빠짐없이 쓰기.",
       "Fix two closing questions and use them all day."},
      {"V11", "배웅 인사", "Farewell", "일어서거나 눈을 맞추며 \"안녕히 가세요\"로 배웅합니다.",
       "See the visitor off with eye contact (standing if you can): \"Goodbye, take care.\"",
       "맞이와 배웅을 한 쌍으로 역할극 연습하기.", "Role-play welcome and farewell as a pair."},
      {"V12", "다시 오고 싶은 방문", "A visit worth repeating",
       "맞이부터 배웅까지 일관되게 친절해 민원인이 존중받았다고 느끼게 합니다.",
       "Consistent courtesy from welcome to farewell, so that the visitor feels respected.",
       "자신의 창구 응대 한 건을 평가표로 처음부터 끝까지 스스로 점검하기.",
       "Score one of your own counter contacts against the sheet from start to end."},
  };
}

const PracticeModule* FindModule(const std::vector<PracticeModule>& library,
                                 std::string_view item_id) {
  const auto found = std::find_if(library.begin(), library.end(),
                                  [&](const PracticeModule& m) { return m.item_id == item_id; });
  return found == library.end() ? nullptr : &*found;
}

}  // namespace chinjeol::coaching
