//===- tool/plugin/Plugin.cpp - tad as a Clang plugin ---------------------===//
//
// clang++ -fplugin=libtad.so file.cpp compiles file.cpp with the functions
// tad generates for it in the same translation unit:
//
// - __TAD__ is predefined, so that tad/tad.h's macros expand to tad's
//   attributes;
// - as soon as an annotated function has been parsed, its generated
//   functions are declared (EarlyDeclConsumer), so that later code calls
//   them;
// - at the end of the main file, tad generates the source tad-gen would
//   write for the file, and the preprocessor reads it from a buffer as if
//   the file #included it there. What is compiled is that text, byte for
//   byte; -fplugin-arg-tad-emit-dir=DIR writes it to DIR for inspection.
//
// The end of the main file is marked by a trailer the plugin appends to
// the main buffer before parsing: a declaration (so that the parser has
// finished the file's last function) and a pragma whose handler runs the
// generation. Nothing is inserted between the user's lines, so every
// diagnostic keeps the user's file names and line numbers.
//
//===----------------------------------------------------------------------===//
#include "Frontend/EarlyDecls.h"
#include "Frontend/Frontend.h"
#include "Frontend/Stack.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Pragma.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace {

struct PluginOptions {
  /// Where to write the generated source (empty: nowhere).
  std::string EmitDir;
  tad::GenerateOptions Gen;
};

const char *const Usage =
    "tad plugin arguments (-fplugin-arg-tad-<argument>):\n"
    "  emit-dir=<dir>   also write the generated source to <dir>/<file>.tad.cpp"
    "\n"
    "                   (the text that is compiled, as tad-gen writes it)\n"
    "  dump-ir[=<fn>]   print tad's IR of the lowered and generated functions\n"
    "                   (all, or only <fn>) to standard output\n"
    "  help             print this text\n";

/// The pragma of the trailer: generates and enters the generated source.
class GeneratePragma : public PragmaHandler {
  CompilerInstance &CI;
  // A copy: Clang destroys the plugin action once it has made the consumer.
  const PluginOptions Opts;
  bool Done = false;

public:
  static constexpr const char *Name = "__generated_here";
  GeneratePragma(CompilerInstance &CI, PluginOptions Opts)
      : PragmaHandler(Name), CI(CI), Opts(Opts) {}

  void HandlePragma(Preprocessor &PP, PragmaIntroducer Introducer,
                    Token &Tok) override {
    while (Tok.isNot(tok::eod))
      PP.Lex(Tok);
    if (Done || !CI.hasASTContext())
      return;
    Done = true;
    ASTContext &Ctx = CI.getASTContext();
    // Code with errors is not differentiated: the errors are the news.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    // The templates the file uses are instantiated at the end of the
    // translation unit, after this pragma: instantiate them now, so that
    // tad sees their bodies, as tad-gen does (the consumer declares the
    // derivatives of annotated instantiations as they are made).
    if (CI.hasSema()) {
      CI.getSema().PerformPendingInstantiations();
      if (Ctx.getDiagnostics().hasErrorOccurred())
        return;
    }
    // tad's work recurses as deep as the code nests (Clang's parse ran on
    // Clang's stack: deep code needs a larger `ulimit -s` for it).
    tad::GenerateResult R;
    tad::runOnLargeStack(
        [&] { R = tad::generateForTranslationUnit(Ctx, Opts.Gen); });
    if (!R.IR.empty()) {
      llvm::outs() << R.IR;
      llvm::outs().flush();
    }
    if (R.Failed)
      return;
    SourceManager &SM = CI.getSourceManager();
    std::string Input =
        SM.getFileEntryRefForID(SM.getMainFileID())->getName().str();
    // The generated code is named as tad-gen would name it.
    std::string Path = tad::defaultOutputPath(Input);
    if (!Opts.EmitDir.empty()) {
      llvm::SmallString<256> P(Opts.EmitDir);
      llvm::sys::path::append(P, llvm::sys::path::filename(Path));
      Path = std::string(P);
      std::string Error;
      if (std::error_code EC = llvm::sys::fs::create_directories(Opts.EmitDir))
        Error = "cannot create '" + Opts.EmitDir + "': " + EC.message();
      if (!Error.empty() || !tad::writeFileAtomically(Path, R.Source, Error)) {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "tad: %0"))
            << Error;
        return;
      }
    }
    if (R.NumFunctions == 0)
      return;
    FileID Generated =
        SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(R.Source, Path),
                        SrcMgr::C_User, 0, 0, Introducer.Loc);
    PP.EnterSourceFile(Generated, nullptr, Introducer.Loc);
  }
};

class TadPluginAction : public PluginASTAction {
  PluginOptions Opts;

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    Preprocessor &PP = CI.getPreprocessor();
    PP.setPredefines(PP.getPredefines() + "#define __TAD__ 1\n");
    if (!appendTrailer(CI.getSourceManager())) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Warning,
                                 "the tad plugin generates nothing for an "
                                 "input that is not a file"));
    }
    PP.AddPragmaHandler("tad", new GeneratePragma(CI, Opts));
    return std::make_unique<tad::EarlyDeclConsumer>();
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    for (const std::string &A : Args) {
      StringRef Arg(A);
      if (Arg.consume_front("emit-dir=") && !Arg.empty()) {
        Opts.EmitDir = Arg.str();
      } else if (A == "dump-ir") {
        Opts.Gen.DumpIR = true;
      } else if (Arg.consume_front("dump-ir=")) {
        Opts.Gen.DumpIR = true;
        Opts.Gen.DumpIRFunction = Arg.str();
      } else if (A == "help") {
        llvm::errs() << Usage;
      } else {
        D.Report(
            D.getCustomDiagID(DiagnosticsEngine::Error,
                              "unknown argument '%0' for the tad plugin (see "
                              "-fplugin-arg-tad-help)"))
            << A;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  /// Replaces the main file's buffer by its text followed by the trailer,
  /// before the preprocessor has entered it.
  static bool appendTrailer(SourceManager &SM) {
    FileID Main = SM.getMainFileID();
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
    if (!Entry)
      return false; // standard input: nothing to name the output after
    std::string Text = SM.getBufferOrFake(Main).getBuffer().str();
    Text += std::string("\nstatic_assert(true, \"\");\n#pragma tad ") +
            GeneratePragma::Name + "\n";
    SM.overrideFileContents(
        *Entry, llvm::MemoryBuffer::getMemBufferCopy(Text, Entry->getName()));
    SM.setMainFileID(SM.createFileID(*Entry, SourceLocation(), SrcMgr::C_User));
    return true;
  }
};

} // namespace

static FrontendPluginRegistry::Add<TadPluginAction>
    X("tad", "generates tad's derivative functions into the translation unit");

// The attributes are registered from the static library: keep them linked.
static const bool AttributesLinked = (tad::linkAttributes(), true);
