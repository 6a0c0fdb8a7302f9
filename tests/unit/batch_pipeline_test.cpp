// serve/batch_pipeline: a posted body cut into blocks of whole lines and answered in order on
// a second thread; what a failure of either side does.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "serve/batch_pipeline.hpp"

using warrant::serve::BatchPipeline;

namespace {

std::string body_of(int lines) {
    std::string body;
    for (int i = 0; i < lines; ++i) body += "line " + std::to_string(i) + (i % 5 == 0 ? " " + std::string(300, 'x') : "") + "\n";
    return body;
}

}  // namespace

TEST_CASE("batch pipeline: every byte reaches the answers once, in order, whatever the reads") {
    const std::string body = body_of(20000) + "no newline at the end";
    for (const std::size_t read : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20}) {
        std::string seen;
        std::size_t blocks = 0;
        BatchPipeline pipeline([&](std::string_view block) {
            seen.append(block);
            ++blocks;
            // Every block but the last is whole lines.
            if (seen.size() < body.size()) CHECK(block.back() == '\n');
        });
        for (std::size_t at = 0; at < body.size(); at += read) pipeline.add(std::string_view(body).substr(at, read));
        pipeline.finish();
        CHECK(seen == body);
        // Blocks of about 128 KiB, or of what one read brings when reads are larger.
        CHECK(blocks >= (read < 4096 * 2 ? 10u : 2u));
    }
}

TEST_CASE("batch pipeline: an answering failure reaches finish(); a broken body stops it") {
    const std::string body = body_of(40000);
    int blocks = 0;
    BatchPipeline failing([&](std::string_view) {
        if (++blocks == 3) throw std::runtime_error("no memory");
    });
    for (std::size_t at = 0; at < body.size(); at += 4096) failing.add(std::string_view(body).substr(at, 4096));
    CHECK_THROWS_WITH(failing.finish(), "no memory");
    CHECK(blocks == 3);

    std::size_t answered = 0;
    {
        BatchPipeline broken([&](std::string_view block) { answered += block.size(); });
        broken.add(std::string_view(body).substr(0, body.size() / 2));
        broken.abandon();  // returns: nothing waits for the rest
    }
    CHECK(answered <= body.size() / 2);
    {
        BatchPipeline dropped([&](std::string_view block) { answered += block.size(); });
        dropped.add(body);
    }  // neither finished nor abandoned: the destructor stops it
}
