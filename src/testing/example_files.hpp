// Reading a policy's examples: the `example` statements of the policy file itself and of its
// companion `NAME.examples`, which may hold nothing else.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "parse/ast.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

// One file's examples, with the syntax tree that owns them and the text their spans point into.
struct ExampleModule {
    std::shared_ptr<const SourceFile> source;
    ast::Module module;
};

// The examples written in a policy file that already compiled (its text parses).
ExampleModule policy_examples(std::shared_ptr<const SourceFile> policy);

// Reads, checks and parses a companion examples file. Reports unreadable or malformed input
// (E0xxx), syntax errors (E1xxx) and statements other than `example` (E5001); the module is
// usable only when no error was reported. `source` is set whenever the file could be read.
struct CompanionRead {
    std::shared_ptr<const SourceFile> source;
    std::vector<Diagnostic> diagnostics;
    ExampleModule examples;
    bool ok() const;
};
CompanionRead read_companion(const std::filesystem::path& path, const std::string& display_name);

}  // namespace warrant
