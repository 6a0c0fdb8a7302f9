// A compiled policy image: validated rule graphs written to a file by `warrant build`, so that
// `warrant query --image` answers without parsing and resolving the policies again. An image
// holds each policy's name and the positions of its declarations, not its text: a graph read
// from one has a source with the policy's name and an empty text.
//
// Layout (every number little-endian):
//   offset  size  field
//        0     8  magic "\x89WARRANT"
//        8     4  format version (format_version below)
//       12     4  number of graphs
//       16    16  version of Warrant that wrote the image, ASCII, padded with NUL bytes
//       32     8  payload size in bytes
//       40     8  checksum of bytes 0..39 and the payload (see image_checksum)
//       48     …  payload: the graphs, one after another (image_write.cpp)
// A reader refuses an image of another format or written by another Warrant version (its
// graphs may mean something else), a truncated or overlong file, a checksum that does not
// match, and a payload whose tables do not hold together; it never trusts an index it read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::image {

inline constexpr std::string_view magic{"\x89WARRANT", 8};
inline constexpr std::uint32_t format_version = 3;
inline constexpr std::size_t header_size = 48;
inline constexpr std::size_t checksum_offset = 40;
inline constexpr std::size_t version_field_size = 16;
// The largest image a reader accepts: far above what the largest policies the compiler
// accepts make, and a bound on the memory a hostile file can make the reader use.
inline constexpr std::size_t max_image_bytes = std::size_t{1} << 30;

// The version of Warrant this build is, as images record it.
std::string_view writer_version();

// The bytes of an image holding `graphs` (complete, validated graphs from the compiler).
std::string write_image(const std::vector<std::shared_ptr<const RuleGraph>>& graphs);

// Why an image was refused, in words that finish "the image ...": "is truncated: …".
struct ImageError {
    std::string message;
    bool is_image = true;  // false: the bytes are not an image at all (no magic)
};

// Reads an image's graphs. Any byte string is safe input: a result is either graphs that
// every index of which was checked, or the reason the bytes are not such an image.
std::variant<std::vector<std::shared_ptr<const RuleGraph>>, ImageError> read_image(std::string_view bytes);

// The checksum the header holds: FNV-1a's 64-bit constants over the bytes as 8-byte
// little-endian words (a final partial word byte by byte), so that it costs little on large
// images; a change of any one word always changes it.
std::uint64_t image_checksum(std::string_view header_start, std::string_view payload);

// Recomputes the checksum of an image whose bytes were edited (tests and the fuzz target use
// this to reach the checks behind the checksum). Does nothing to bytes shorter than a header.
void reseal(std::string& image);

}  // namespace warrant::image
