// The command-line tool as a function: arguments and streams in, exit code out, so that tests
// run it in-process. Exit codes: 0 success, 1 a finding (errors, failed queries), 2 misuse or I/O.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace warrant {

// `args` excludes the program name. `in` is standard input (for `--batch -`).
int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace warrant
