# chinjeol_embed(TARGET target NAMESPACE ns FILES f1 f2 ...)
# Compiles files into the target as `std::string_view ns::Embedded(std::string_view name)`, so
# the single executable carries its default data (rubrics, holidays, SQL migrations, web assets).
function(chinjeol_embed)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE;HEADER" "FILES" ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cpp)
  # A list would be split into separate command words; pass it joined with "|".
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNAMESPACE=${ARG_NAMESPACE} -DHEADER=${ARG_HEADER}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding data into ${ARG_TARGET}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${out_cpp})
endfunction()
