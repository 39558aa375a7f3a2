//===- tool/tad-gen.cpp - the standalone generator ------------------------===//
//
// tad-gen file.cpp [-o out] -- <compiler flags>
//
// Parses the file with Clang (defining __TAD__ so that tad/tad.h's macros
// expand to tad's attributes), generates the derivative functions of every
// annotated function and writes them to file.tad.cpp (or file.tad.cu, or
// what -o names). The output is written to a temporary file and renamed, so
// a failed run leaves any earlier output as it was.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Frontend.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace llvm;

static cl::OptionCategory TadCategory("tad-gen options");
static cl::opt<std::string>
    OutputPath("o",
               cl::desc("Output file (default: <input>.tad.cpp next to "
                        "the input, .tad.cu for CUDA; '-' for stdout)"),
               cl::value_desc("file"), cl::cat(TadCategory));
static cl::opt<std::string>
    DumpIR("dump-ir",
           cl::desc("Print tad's IR of the lowered and generated functions "
                    "(all, or only the one named) to stdout"),
           cl::value_desc("function"), cl::ValueOptional, cl::cat(TadCategory));
static cl::opt<bool>
    DumpIROnly("dump-ir-only", cl::desc("With --dump-ir: write no output file"),
               cl::cat(TadCategory));

namespace {
struct RunResult {
  bool Failed = false;
  std::string Source, IR;
};

class TadConsumer : public ASTConsumer {
  RunResult &R;

public:
  explicit TadConsumer(RunResult &R) : R(R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      R.Failed = true;
      return;
    }
    tad::GenerateOptions Opts;
    Opts.DumpIR = DumpIR.getNumOccurrences() > 0;
    Opts.DumpIRFunction = DumpIR;
    R.Source = tad::generateForTranslationUnit(Ctx, Opts, R.IR, R.Failed);
  }
};

class TadAction : public ASTFrontendAction {
  RunResult &R;

public:
  explicit TadAction(RunResult &R) : R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<TadConsumer>(R);
  }
};

class TadActionFactory : public tooling::FrontendActionFactory {
  RunResult &R;

public:
  explicit TadActionFactory(RunResult &R) : R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<TadAction>(R);
  }
};

std::string defaultOutput(StringRef Input) {
  SmallString<256> P(Input);
  bool Cuda = sys::path::extension(P) == ".cu";
  sys::path::replace_extension(P, Cuda ? ".tad.cu" : ".tad.cpp");
  return std::string(P);
}

/// Writes Text to Path through a temporary in the same folder, renamed into
/// place only once complete.
bool writeAtomically(const std::string &Path, const std::string &Text) {
  if (Path == "-") {
    outs() << Text;
    return true;
  }
  SmallString<256> Tmp;
  int FD;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Path + ".tmp%%%%%%", FD, Tmp)) {
    errs() << "tad-gen: error: cannot write '" << Path << "': " << EC.message()
           << "\n";
    return false;
  }
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      errs() << "tad-gen: error: cannot write '" << Tmp << "'\n";
      OS.clear_error();
      sys::fs::remove(Tmp);
      return false;
    }
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Path)) {
    errs() << "tad-gen: error: cannot write '" << Path << "': " << EC.message()
           << "\n";
    sys::fs::remove(Tmp);
    return false;
  }
  return true;
}
} // namespace

int main(int argc, const char **argv) {
  tad::linkAttributes();
  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, TadCategory, cl::ZeroOrMore,
      "tad-gen: writes the derivatives of tad-annotated functions as source");
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return 2;
  }
  const auto &Files = Parser->getSourcePathList();
  if (Files.empty()) {
    errs() << "tad-gen: error: no input file\n";
    return 2;
  }
  if (Files.size() > 1 && OutputPath.getNumOccurrences() && OutputPath != "-") {
    errs() << "tad-gen: error: -o names one output; give one input file\n";
    return 2;
  }
  int Status = 0;
  for (const std::string &File : Files) {
    tooling::ClangTool Tool(Parser->getCompilations(), {File});
    std::vector<std::string> Extra = {"-D__TAD__=1"};
    if (sys::path::extension(File) == ".cu") {
      // Clang 19 cannot include CUDA 13's headers: parse the host side with
      // tad's prelude of CUDA keywords instead.
      Extra.insert(Extra.end(),
                   {"-x", "cuda", "--cuda-host-only", "-nocudainc",
                    "-nocudalib", "-Wno-unknown-cuda-version", "-include",
                    TAD_INCLUDE_DIR "/tad/cuda_prelude.h"});
    }
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Extra, tooling::ArgumentInsertPosition::BEGIN));
    RunResult R;
    TadActionFactory Factory(R);
    int RC = Tool.run(&Factory);
    if (!R.IR.empty())
      outs() << R.IR;
    if (RC != 0 || R.Failed) {
      Status = 1;
      continue;
    }
    if (DumpIROnly)
      continue;
    std::string Out = OutputPath.empty() ? defaultOutput(File) : OutputPath;
    if (!writeAtomically(Out, R.Source))
      Status = 1;
  }
  return Status;
}
