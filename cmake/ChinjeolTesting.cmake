include(GoogleTest)

# chinjeol_add_test(NAME SOURCES a.cpp ... LINK lib ... [LABEL unit|contract|api|e2e])
# One executable per module; every test carries a label so that `ctest -L unit` stays fast.
function(chinjeol_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LINK" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LINK} GTest::gmock GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${name} PRIVATE
    CHINJEOL_SOURCE_DIR="${PROJECT_SOURCE_DIR}" CHINJEOL_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 60)
endfunction()
