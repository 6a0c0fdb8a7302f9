// Reading an image file whole. A regular file is read straight into memory of its size (not
// zero-filled first, and advised to the kernel as huge pages), as an image of a large
// catalogue is tens of megabytes and loading it is most of what `query --image` does; other
// files (a pipe) go through the bounded reader every command uses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warrant::image {

class ImageFile {
public:
    // Reads `path` if it has at most `limit` bytes; otherwise error() says why not, naming it.
    ImageFile(const std::string& path, std::size_t limit);
    ~ImageFile();
    ImageFile(const ImageFile&) = delete;
    ImageFile& operator=(const ImageFile&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    std::string_view bytes() const { return mapped_ ? std::string_view(mapped_, size_) : std::string_view(copy_); }

private:
    char* mapped_ = nullptr;  // anonymous memory the file was read into, or null
    std::size_t capacity_ = 0;
    std::size_t size_ = 0;
    std::string copy_;  // the bytes of a file that is not a regular one
    std::string error_;
};

}  // namespace warrant::image
