# Functions of tad's CMake package (included by tadConfig.cmake).

# tad_use_plugin(<target>)
#   Compiles <target> with tad's Clang plugin: the functions tad generates
#   for each source are part of that source's translation unit. The C++
#   compiler must be clang++ 19, the Clang the plugin was built for.
function(tad_use_plugin target)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR
     NOT CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19 OR
     CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 20)
    message(FATAL_ERROR
      "tad_use_plugin(${target}): the tad plugin needs clang++ 19 as the C++ "
      "compiler, not ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} "
      "(${CMAKE_CXX_COMPILER}); with another compiler use tad_generate()")
  endif()
  target_compile_options(${target} PRIVATE "-fplugin=${TAD_PLUGIN}")
  target_link_libraries(${target} PRIVATE tad::runtime)
endfunction()

# tad_generate(<target> SOURCES <file>... [FLAGS <flag>...])
#   For each file, runs tad-gen at build time, writing
#   ${CMAKE_CURRENT_BINARY_DIR}/tad/<name>.tad.cpp (.tad.cu for .cu files),
#   and compiles the file with TAD_GENERATED defined as that path, so that
#   the file's `#include TAD_GENERATED` (after the annotated functions)
#   brings the generated functions in. tad-gen parses with -std=c++17 and
#   the target's include directories and definitions, then FLAGS.
#   tad-gen reruns when the file or tad-gen changes (not when a header the
#   file includes does).
function(tad_generate target)
  cmake_parse_arguments(TAD "" "" "SOURCES;FLAGS" ${ARGN})
  if(NOT TAD_SOURCES)
    message(FATAL_ERROR "tad_generate(${target}): no SOURCES given")
  endif()
  set(incs "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  foreach(src IN LISTS TAD_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    get_filename_component(name "${src}" NAME_WE)
    get_filename_component(ext "${src}" LAST_EXT)
    if(ext STREQUAL ".cu")
      set(out "${CMAKE_CURRENT_BINARY_DIR}/tad/${name}.tad.cu")
    else()
      set(out "${CMAKE_CURRENT_BINARY_DIR}/tad/${name}.tad.cpp")
    endif()
    add_custom_command(OUTPUT "${out}"
      COMMAND tad::tad-gen "${abs}" -o "${out}" --
              -std=c++17 "-I${TAD_INCLUDE_DIR}"
              "$<$<BOOL:${incs}>:-I$<JOIN:${incs},;-I>>"
              "$<$<BOOL:${defs}>:-D$<JOIN:${defs},;-D>>"
              ${TAD_FLAGS}
      DEPENDS "${abs}" tad::tad-gen
      COMMENT "tad-gen ${src}"
      COMMAND_EXPAND_LISTS VERBATIM)
    set_property(SOURCE "${abs}" APPEND PROPERTY
                 COMPILE_DEFINITIONS "TAD_GENERATED=\"${out}\"")
    set_property(SOURCE "${abs}" APPEND PROPERTY OBJECT_DEPENDS "${out}")
  endforeach()
  target_link_libraries(${target} PRIVATE tad::runtime)
endfunction()
