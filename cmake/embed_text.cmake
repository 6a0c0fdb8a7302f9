# Turns a text file into a C++ source defining it as a byte array, so that the binary carries
# the same text as the repository (run at build time: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Break the initialiser into lines of 32 bytes.
string(REGEX REPLACE "(('[^']*',){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.new" "// Generated from ${INPUT_NAME} by cmake/embed_text.cmake; do not edit.
#include <cstddef>
#include <string_view>

namespace warrant {

namespace {
constexpr char bytes[] = {
${bytes}'\\0'};
}  // namespace

std::string_view ${SYMBOL}() { return {bytes, ${size}}; }

}  // namespace warrant
")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
