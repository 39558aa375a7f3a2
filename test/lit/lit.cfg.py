# lit configuration for tad's tests.
#
# Substitutions:
#   %tad-gen      the tad-gen binary under test
#   %tad-flags    compiler flags tad-gen needs after `--` (tad's include dir)
#   %cxx, %gxx    clang++-19 and g++ compiling generated code: C++17,
#                 -Wall -Wextra -Werror, tad's include dir and test Inputs/
#   %plugin       with %cxx: compile with tad's Clang plugin (the tests'
#                 `#include TAD_GENERATED` then includes an empty file)
#   %plugin-path  the plugin's path
#   %omp-tsan-env the environment of an OpenMP program under ThreadSanitizer
#   FileCheck, not  from LLVM 19
import os
import lit.formats

config.name = "tad"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".cu", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tad_obj_root, "test", "lit")

inc = os.path.join(config.tad_src_root, "include")
inputs = os.path.join(config.tad_src_root, "test", "lit", "Inputs")
warn = "-std=c++17 -O1 -Wall -Wextra -Werror"
config.substitutions.append(("%tad-gen", config.tad_gen))
config.substitutions.append(
    ("%plugin-path", config.tad_plugin))
config.substitutions.append(
    ("%plugin", "-fplugin=%s '-DTAD_GENERATED=\"plugin-none.h\"'" %
     config.tad_plugin))
config.substitutions.append(("%tad-flags", "-std=c++17 -I" + inc))
# A sanitized tad (TAD_SANITIZE): errors abort (so that `not` sees a crash,
# not a failure), leaks of tad-gen are errors; clang++ running the plugin
# gets the ASan runtime preloaded, without leak checking (clang frees
# nothing at exit by design). LLVM's inline allocator code, instrumented in
# tad, poisons slabs that uninstrumented libclang-cpp then uses: user
# poisoning is off.
clangxx = config.clangxx
if getattr(config, "tad_sanitize", False):
    config.environment["ASAN_OPTIONS"] = (
        "abort_on_error=1:detect_leaks=1:allow_user_poisoning=0")
    config.environment["UBSAN_OPTIONS"] = (
        "abort_on_error=1:halt_on_error=1:print_stacktrace=1")
    clangxx = ("env LD_PRELOAD=%s ASAN_OPTIONS=abort_on_error=1:"
               "detect_leaks=0:allow_user_poisoning=0:"
               "verify_asan_link_order=0 %s" %
               (config.asan_runtime, config.clangxx))
    config.available_features.add("sanitized-tad")
config.substitutions.append(
    ("%cxx", "%s %s -I%s -I%s" % (clangxx, warn, inc, inputs)))
config.substitutions.append(
    ("%gxx", "%s %s -I%s -I%s" % (config.gxx, warn, inc, inputs)))
config.substitutions.append(("FileCheck", config.filecheck))
config.substitutions.append(("not ", config.not_tool + " "))
config.environment["PATH"] = os.pathsep.join(
    [os.path.join(config.llvm_root, "bin"), config.environment.get("PATH", "")])

# ThreadSanitizer over OpenMP programs (%cxx -fopenmp -fsanitize=thread):
# LLVM's OpenMP race detector, Archer, tells TSan about libomp's
# synchronisation (scripts/setup.sh installs libomp-19-dev).
config.substitutions.append(
    ("%omp-tsan-env",
     "OMP_NUM_THREADS=4 OMP_TOOL_LIBRARIES=%s TSAN_OPTIONS="
     "ignore_noninstrumented_modules=1:halt_on_error=1:exitcode=66" %
     os.path.join(config.llvm_root, "lib", "libarcher.so")))

# nvcc compiles the generated .cu where CUDA is installed.
nvcc = "/usr/local/cuda/bin/nvcc"
if os.path.exists(nvcc):
    config.available_features.add("nvcc")
    config.substitutions.append(
        ("%nvcc", "%s -std=c++17 -I%s --Werror all-warnings "
                  "-Xcompiler -Wall,-Wextra" % (nvcc, inc)))
