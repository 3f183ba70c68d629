# Every third-party library comes from a Debian 12 package (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
# Boost 1.81 in CONFIG mode: CMake 3.25's FindBoost predates 1.81. No EXACT (1.81 != 1.81.0).
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json)
find_package(SQLite3 REQUIRED)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libzip's CMake config references tools from other packages and fails: use pkg-config.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)  # compiled library with external fmt
find_package(CLI11 REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
# libcsv (libcsv-dev) has neither a CMake config nor a .pc file.
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIBRARY csv REQUIRED)
add_library(chinjeol_libcsv INTERFACE)
target_include_directories(chinjeol_libcsv INTERFACE ${CSV_INCLUDE_DIR})
target_link_libraries(chinjeol_libcsv INTERFACE ${CSV_LIBRARY})
if(CHINJEOL_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CHINJEOL_BENCH)
  find_package(benchmark REQUIRED)
endif()
