import type { PrebuiltLibraries } from './prebuilt-libraries';

/** The options label of every linked build: the backend is chosen when the server starts. */
export const LINKED_LABEL = 'linked';

/** What the linked build compiles: the programs, and mtmd (compiled into them, never prebuilt). */
export const LINKED_TARGETS = ['llama-server', 'llama-bench', 'llama-mtmd-cli', 'llama-quantize'] as const;

/**
 * The CMake project of a linked build: llama.cpp's own CMakeLists for the server, mtmd and the
 * tools, with ggml, llama and llama-common as imported targets on node-llama-cpp's libraries
 * instead of compiled ones. Everything we compile is static (BUILD_SHARED_LIBS off), so our
 * patches (server, mtmd) live in the programs and never in a prebuilt library. The programs look
 * for the libraries beside themselves ($ORIGIN / @loader_path), where the build copies them, and
 * libggml finds the CPU variants and GPU backends in that same folder at run time.
 */
export function linkedCmakeLists(prebuilt: PrebuiltLibraries, platform: NodeJS.Platform): string {
  const { ggmlBase, ggml, llama, common } = prebuilt.libraries;
  const origin = platform === 'darwin' ? '@loader_path' : '$ORIGIN';
  return `# Written by Folio's build-llama-server (linked-cmake.ts); regenerated on every build.
cmake_minimum_required(VERSION 3.14)
project(folio-llama-server C CXX)

set(LLAMA_SRC "\${FOLIO_LLAMA_SRC}")
set(PREBUILT "\${FOLIO_PREBUILT_DIR}")
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "\${CMAKE_BINARY_DIR}/bin")
set(BUILD_SHARED_LIBS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_BUILD_WITH_INSTALL_RPATH ON)
set(CMAKE_INSTALL_RPATH "${origin}")
set(LLAMA_BUILD_COMMON ON)
set(LLAMA_BUILD_TOOLS ON)
set(LLAMA_BUILD_SERVER ON)
# The web UI would be fetched from Hugging Face at build time; Folio talks to the API only.
set(LLAMA_BUILD_UI OFF)
set(LLAMA_USE_PREBUILT_UI OFF)
set(LLAMA_BUILD_NUMBER 0)
find_package(Threads REQUIRED)
include("\${LLAMA_SRC}/cmake/license.cmake")
# llama.cpp's warning flags; the compile itself needs none of them.
function(llama_add_compile_flags)
endfunction()

function(folio_prebuilt name file)
  add_library(\${name} SHARED IMPORTED GLOBAL)
  set_target_properties(\${name} PROPERTIES IMPORTED_LOCATION "\${PREBUILT}/\${file}")
endfunction()
folio_prebuilt(ggml-base "${ggmlBase}")
folio_prebuilt(ggml "${ggml}")
folio_prebuilt(llama "${llama}")
folio_prebuilt(llama-common "${common}")
set_target_properties(ggml-base PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "\${LLAMA_SRC}/ggml/include"
  INTERFACE_COMPILE_DEFINITIONS "GGML_SHARED;GGML_BACKEND_SHARED")
set_target_properties(ggml PROPERTIES INTERFACE_LINK_LIBRARIES ggml-base)
set_target_properties(llama PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "\${LLAMA_SRC}/include"
  INTERFACE_LINK_LIBRARIES ggml
  INTERFACE_COMPILE_DEFINITIONS LLAMA_SHARED)

add_subdirectory("\${LLAMA_SRC}/vendor" vendor)
# As llama-common was compiled: LLAMA_SUBPROCESS changes common_subproc's layout, and
# node-llama-cpp builds llama.cpp's default (on wherever subprocesses exist).
set_target_properties(llama-common PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "\${LLAMA_SRC}/common"
  INTERFACE_LINK_LIBRARIES "llama;vendor::nlohmann;vendor::sheredom;Threads::Threads"
  INTERFACE_COMPILE_DEFINITIONS LLAMA_SUBPROCESS
  INTERFACE_COMPILE_FEATURES cxx_std_17)
${platform === 'darwin' ? '' : 'add_link_options("LINKER:-rpath-link,${PREBUILT}")\n'}include_directories("\${LLAMA_SRC}")
# tools/ui reads llama.cpp's scripts through PROJECT_SOURCE_DIR.
set(PROJECT_SOURCE_DIR "\${LLAMA_SRC}")
add_subdirectory("\${LLAMA_SRC}/tools/ui" ui)
add_subdirectory("\${LLAMA_SRC}/tools/mtmd" mtmd)
add_subdirectory("\${LLAMA_SRC}/tools/server" server)
add_subdirectory("\${LLAMA_SRC}/tools/llama-bench" llama-bench)
add_subdirectory("\${LLAMA_SRC}/tools/quantize" quantize)
`;
}

/**
 * What the linked build's cache folder is keyed by: the prebuilt package and its version, so a
 * node-llama-cpp update builds afresh (see build-cache.ts).
 */
export function linkedBuildFlags(prebuilt: PrebuiltLibraries): string[] {
  return ['folio-linked', `${prebuilt.packageName}@${prebuilt.version}`, '-DCMAKE_BUILD_TYPE=Release'];
}
