#pragma once

#include <cstdint>

#include "core/common/date.hpp"

namespace chinjeol {

// The time now, as the programme reads it: a port, so that the core never reads a clock itself
// and tests can set the time (session expiry, lockout windows, release and objection deadlines).
// `app/` wires the system clock (adapters/clock); tests wire a clock they move by hand.
class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual std::int64_t UnixNow() const = 0;
  // The organisation's wall-clock time, to the second.
  virtual LocalDateTime LocalNow() const = 0;
};

}  // namespace chinjeol
