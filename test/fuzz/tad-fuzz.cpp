//===- test/fuzz/tad-fuzz.cpp - libFuzzer target over tad's library -------===//
//
// Each input is a C++ source with tad annotations. It is parsed and
// generated in-process exactly as tad-gen does (tool/tad-gen.cpp: __TAD__
// defined, tad's include folder on the path, the work on tad's large stack),
// with every diagnostic discarded: the target looks only for crashes,
// hangs, leaks and sanitizer reports, which libFuzzer turns into failures.
// Built with -DTAD_FUZZ=ON (scripts/fuzz.sh); see test/fuzz/README.md.
//
//===----------------------------------------------------------------------===//
#include "Frontend/EarlyDecls.h"
#include "Frontend/Frontend.h"
#include "Frontend/Stack.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

using namespace clang;

namespace {
class FuzzConsumer : public tad::EarlyDeclConsumer {
  tad::GenerateResult &R;

public:
  explicit FuzzConsumer(tad::GenerateResult &R) : R(R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    R = tad::generateForTranslationUnit(Ctx, tad::GenerateOptions());
  }
};

class FuzzAction : public ASTFrontendAction {
  tad::GenerateResult &R;

public:
  explicit FuzzAction(tad::GenerateResult &R) : R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<FuzzConsumer>(R);
  }
};

class FuzzActionFactory : public tooling::FrontendActionFactory {
  tad::GenerateResult &R;

public:
  explicit FuzzActionFactory(tad::GenerateResult &R) : R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FuzzAction>(R);
  }
};
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  tad::linkAttributes();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  // The input as a file of its own (NUL bytes and all: Clang reads them as
  // it would from disk).
  std::string Code(reinterpret_cast<const char *>(Data), Size);
  const char *File = "/tad-fuzz/input.cpp";
  tooling::FixedCompilationDatabase DB(
      ".", {"-std=c++17", "-D__TAD__=1", "-I" TAD_INCLUDE_DIR,
            "-Wno-undefined-internal", "-Wno-stack-exhausted"});
  tooling::ClangTool Tool(DB, {File});
  Tool.mapVirtualFile(File, Code);
  // TAD_FUZZ_VERBOSE=1 prints the diagnostics (to see why an input fails).
  static const bool Verbose = std::getenv("TAD_FUZZ_VERBOSE") != nullptr;
  IgnoringDiagConsumer Quiet;
  if (!Verbose)
    Tool.setDiagnosticConsumer(&Quiet);
  tad::GenerateResult R;
  FuzzActionFactory Factory(R);
  tad::runOnLargeStack([&] { (void)Tool.run(&Factory); });
  return 0;
}
