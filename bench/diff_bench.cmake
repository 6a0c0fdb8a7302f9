# The diff benchmark (bench/diff_bench.cpp), included from bench/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/diff_bench.cmake)
# It needs warrant_bench_support (the policy generator) and the CLI's header (run_cli).
add_executable(diff_bench ${CMAKE_CURRENT_LIST_DIR}/diff_bench.cpp)
target_link_libraries(diff_bench PRIVATE warrant_bench_support warrant_core)
target_include_directories(diff_bench PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/../src)
target_compile_definitions(diff_bench PRIVATE WARRANT_SOURCE_DIR="${CMAKE_CURRENT_LIST_DIR}/..")
target_compile_options(diff_bench PRIVATE ${WARRANT_WARNINGS} $<$<CONFIG:Release,RelWithDebInfo>:${WARRANT_BENCH_OPT}>)
