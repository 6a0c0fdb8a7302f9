// The longest period or window a policy may declare: a thousand years, in days or in months.
// The resolver refuses longer ones; readers of compiled graphs (images) check the same bounds.
#pragma once

#include <cstdint>

namespace warrant {

inline constexpr std::uint32_t max_length_days = 366000;
inline constexpr std::uint32_t max_length_months = 12000;

}  // namespace warrant
