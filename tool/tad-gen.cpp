//===- tool/tad-gen.cpp - the standalone generator ------------------------===//
//
// tad-gen file.cpp [-o out] -- <compiler flags>
//
// Parses the file with Clang (defining __TAD__ so that tad/tad.h's macros
// expand to tad's attributes), generates the derivative functions of every
// annotated function and writes them to file.tad.cpp (or file.tad.cu, or
// what -o names). The output is written to a temporary file and renamed, so
// a failed run leaves any earlier output as it was (a device or a pipe is
// written in place).
//
//===----------------------------------------------------------------------===//
#include "Frontend/EarlyDecls.h"
#include "Frontend/Frontend.h"
#include "Frontend/Stack.h"

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
/// Generates once the whole file is parsed; declares the generated
/// functions early so that the file may call them.
class TadConsumer : public tad::EarlyDeclConsumer {
  tad::GenerateResult &R;

public:
  explicit TadConsumer(tad::GenerateResult &R) : R(R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      R.Failed = true;
      return;
    }
    tad::GenerateOptions Opts;
    Opts.DumpIR = DumpIR.getNumOccurrences() > 0;
    Opts.DumpIRFunction = DumpIR;
    R = tad::generateForTranslationUnit(Ctx, Opts);
  }
};

class TadAction : public ASTFrontendAction {
  tad::GenerateResult &R;

public:
  explicit TadAction(tad::GenerateResult &R) : R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<TadConsumer>(R);
  }
};

class TadActionFactory : public tooling::FrontendActionFactory {
  tad::GenerateResult &R;

public:
  explicit TadActionFactory(tad::GenerateResult &R) : R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<TadAction>(R);
  }
};
} // namespace

/// tad/cuda_prelude.h: next to an installed tad-gen (bin/../include), else
/// in the source tree tad-gen was built from.
static std::string cudaPrelude(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&cudaPrelude));
  SmallString<256> P(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(P, "include", "tad", "cuda_prelude.h");
  if (sys::fs::exists(P))
    return std::string(P);
  return TAD_INCLUDE_DIR "/tad/cuda_prelude.h";
}

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
    // The generated definitions are in the output, not this parse.
    // Clang warns when its parse nears 8 MiB of stack, which is not the
    // size of the stack it runs on here (runOnLargeStack).
    std::vector<std::string> Extra = {"-D__TAD__=1", "-Wno-undefined-internal",
                                      "-Wno-stack-exhausted"};
    if (sys::path::extension(File) == ".cu") {
      // Clang 19 cannot include CUDA 13's headers: parse the host side with
      // tad's prelude of CUDA keywords instead.
      Extra.insert(Extra.end(), {"-x", "cuda", "--cuda-host-only", "-nocudainc",
                                 "-nocudalib", "-Wno-unknown-cuda-version",
                                 "-include", cudaPrelude(argv[0])});
    }
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Extra, tooling::ArgumentInsertPosition::BEGIN));
    tad::GenerateResult R;
    TadActionFactory Factory(R);
    // Clang's parse and tad's work recurse as deep as the code nests.
    int RC = 0;
    tad::runOnLargeStack([&] { RC = Tool.run(&Factory); });
    if (!R.IR.empty())
      outs() << R.IR;
    if (RC != 0 || R.Failed) {
      Status = 1;
      continue;
    }
    if (DumpIROnly)
      continue;
    std::string Out =
        OutputPath.empty() ? tad::defaultOutputPath(File) : OutputPath;
    std::string Error;
    if (!tad::writeFileAtomically(Out, R.Source, Error)) {
      errs() << "tad-gen: error: " << Error << "\n";
      Status = 1;
    }
  }
  return Status;
}
