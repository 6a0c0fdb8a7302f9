# warrant_differential: the differential test at benchmark size (random policies decided by the
# compiler's interpreter and by the reference interpreter in tests/reference, which must agree).
# Include it from the top-level CMakeLists.txt, after warrant_core is defined:
#   include(tests/reference/differential.cmake)
# build it in Release, and run for example
#   warrant_differential --policies 20000 --queries 1000 --seed 1
get_filename_component(WARRANT_ROOT_DIR ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
add_executable(warrant_differential
  ${CMAKE_CURRENT_LIST_DIR}/differential_main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/differential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/random_claim.cpp
  ${CMAKE_CURRENT_LIST_DIR}/random_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reference_interpreter.cpp)
target_include_directories(warrant_differential PRIVATE ${WARRANT_ROOT_DIR}/src ${WARRANT_ROOT_DIR}/tests)
target_link_libraries(warrant_differential PRIVATE warrant_core)
target_compile_features(warrant_differential PRIVATE cxx_std_20)
target_compile_options(warrant_differential PRIVATE ${WARRANT_WARNINGS})
