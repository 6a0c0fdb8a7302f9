// The command-line tool as a function: arguments and streams in, exit code out, so that tests
// run it in-process. Exit codes: 0 success, 1 a finding (errors, failed queries), 2 misuse or I/O.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace warrant {

// `args` excludes the program name. `in` is standard input (for `--batch -`); `in_fd`, when
// not -1, is its file descriptor, read directly so that a batch on a pipe is answered line
// by line.
int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err, int in_fd = -1);

}  // namespace warrant
