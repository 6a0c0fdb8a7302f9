// The playground: one self-contained page (HTML, CSS and JavaScript), compiled into the binary
// from playground.html. It fetches nothing but this server's API.
#pragma once

#include <string_view>

namespace warrant::serve {

std::string_view playground_page();

}  // namespace warrant::serve
