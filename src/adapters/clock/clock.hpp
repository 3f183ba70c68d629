#pragma once

#include <cstdint>
#include <string>

#include "core/common/clock.hpp"
#include "core/common/date.hpp"

namespace chinjeol::clock {

// Makes the organisation's time zone that of every local time this process reads: $TZ when the
// operator sets it, Asia/Seoul otherwise, so that a Korean body keeps Korean time (contact days,
// release times, deadlines) whatever zone the machine is set to. Called once, at start.
void UseOrganisationTimeZone();

// The system's clock behind the core's Clock port: what `app/` wires into the server and the
// command line.
const Clock& SystemClock();

// The organisation's wall-clock time now: the server's local time zone, to the second.
LocalDateTime LocalNow();

// Seconds since 1970-01-01T00:00:00Z.
std::int64_t UnixNow();

// "2021-05-17T01:05:00Z" for seconds since the epoch: the access log's timestamps.
std::string UtcText(std::int64_t unix_seconds);

}  // namespace chinjeol::clock
