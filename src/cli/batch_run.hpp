// `warrant query --batch`: a JSON Lines batch answered line by line, one answer per line, in
// order, from a file (on several threads) or from standard input (as lines arrive).
#pragma once

#include <string>

#include "cli/commands.hpp"
#include "warrant/query.hpp"

namespace warrant {

// `batch` is a file or "-" for standard input. A file is answered on `jobs` threads, a chunk of
// lines each at a time; standard input on one thread, flushing whenever it waits for input.
// Exit code: 0 every line answered, 1 some line an error, 2 the input could not be read.
int run_batch_from(const PolicySet& policies, const std::string& batch, Streams io, bool explain, unsigned jobs);

// The threads a batch file is answered on by default: one per core, at most 8.
unsigned default_batch_jobs();

}  // namespace warrant
