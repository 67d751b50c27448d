# gongxin_library(NAME SOURCES a.cc b.cc DEPS lib1 lib2)
#   One static library per capability folder, target name gongxin_NAME.
function(gongxin_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(gongxin_${name} STATIC ${ARG_SOURCES})
  target_include_directories(gongxin_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(gongxin_${name} PUBLIC ${ARG_DEPS})
endfunction()

# gongxin_test(NAME SOURCES a_test.cc DEPS gongxin_core)
#   A GoogleTest binary whose tests are registered with ctest one by one.
#   Tests find shipped data through GONGXIN_CATALOG_DIR and GONGXIN_TESTDATA_DIR.
function(gongxin_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} gongxin_testing GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    GONGXIN_CATALOG_DIR="${GONGXIN_CATALOG_DIR}"
    GONGXIN_TESTDATA_DIR="${GONGXIN_TESTDATA_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "GONGXIN_CATALOG_DIR=${GONGXIN_CATALOG_DIR}")
endfunction()
