// A posted batch answered while its body is still arriving, on a second thread: the thread that
// reads the body cuts it into blocks of whole lines, and the other answers them, in order. Reading
// (the HTTP library's small reads) and answering then each have a core.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace warrant::serve {

class BatchPipeline {
public:
    // Called with blocks of lines, in order: each line ends with '\n', except perhaps the last
    // line of the last block (the body's end without one). Runs on the answering thread, or on
    // the reading thread when there is no second core or no thread to be had.
    using AnswerBlock = std::function<void(std::string_view lines)>;

    explicit BatchPipeline(AnswerBlock answer);
    ~BatchPipeline();  // abandons what is left, if finish() was not called
    BatchPipeline(const BatchPipeline&) = delete;
    BatchPipeline& operator=(const BatchPipeline&) = delete;

    // The body's next bytes, as they arrive.
    void add(std::string_view bytes);
    // After the body's last bytes: answers what is left and returns once every block is
    // answered. An exception of the answering thread is thrown here.
    void finish();
    // The body broke off: what is not yet answered is dropped.
    void abandon();

private:
    static constexpr std::size_t block_bytes = 128 << 10;
    static constexpr std::size_t max_waiting = 8;  // blocks read but not yet answered

    void hand(std::string block);
    void answer_blocks();  // the answering thread
    void stop();

    AnswerBlock answer_;
    std::string current_;  // bytes read since the last block was handed on
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> waiting_;
    bool closed_ = false;     // no more blocks will come
    bool abandoned_ = false;  // drop the blocks left
    std::exception_ptr failure_;
    std::optional<std::thread> thread_;
};

}  // namespace warrant::serve
