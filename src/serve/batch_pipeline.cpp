#include "serve/batch_pipeline.hpp"

#include <system_error>
#include <utility>

namespace warrant::serve {

BatchPipeline::BatchPipeline(AnswerBlock answer) : answer_(std::move(answer)) {
    if (std::thread::hardware_concurrency() < 2) return;  // one core: the reading thread answers
    try {
        thread_.emplace([this] { answer_blocks(); });
    } catch (const std::system_error&) {
        thread_.reset();
    }
}

BatchPipeline::~BatchPipeline() {
    if (thread_) abandon();
}

void BatchPipeline::add(std::string_view bytes) {
    current_.append(bytes);
    if (current_.size() < block_bytes) return;
    const std::size_t end = current_.rfind('\n');
    if (end == std::string::npos) return;  // one line longer than a block: wait for its end
    std::string rest = current_.substr(end + 1);
    current_.resize(end + 1);
    hand(std::exchange(current_, std::move(rest)));
}

void BatchPipeline::hand(std::string block) {
    if (!thread_) return answer_(block);
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_.size() < max_waiting || abandoned_ || failure_; });
    if (abandoned_ || failure_) return;  // the answers will not be used
    waiting_.push_back(std::move(block));
    changed_.notify_all();
}

void BatchPipeline::answer_blocks() {
    while (true) {
        std::string block;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !waiting_.empty() || closed_ || abandoned_; });
            if (abandoned_ || waiting_.empty()) return;
            block = std::move(waiting_.front());
            waiting_.pop_front();
            changed_.notify_all();
        }
        try {
            answer_(block);
        } catch (...) {
            const std::lock_guard lock(mutex_);
            failure_ = std::current_exception();
            changed_.notify_all();
            return;
        }
    }
}

void BatchPipeline::stop() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }
    if (thread_) {
        thread_->join();
        thread_.reset();
    }
}

void BatchPipeline::finish() {
    if (!current_.empty()) hand(std::exchange(current_, {}));
    stop();
    if (failure_) std::rethrow_exception(failure_);
}

void BatchPipeline::abandon() {
    {
        const std::lock_guard lock(mutex_);
        abandoned_ = true;
    }
    current_.clear();
    stop();
}

}  // namespace warrant::serve
