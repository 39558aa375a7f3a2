//===- Frontend/Frontend.h - Clang AST to tad IR ----------------*- C++ -*-===//
#ifndef TAD_FRONTEND_FRONTEND_H
#define TAD_FRONTEND_FRONTEND_H

#include "IR/IR.h"
#include "Transforms/Generator.h"

#include <map>
#include <memory>
#include <string>

namespace clang {
class ASTContext;
class DiagnosticsEngine;
class FunctionDecl;
class SourceLocation;
} // namespace clang

namespace tad {

/// Reports tad's problems through Clang's diagnostics, so that they print
/// in clang's format (file:line:col: error: ..., with the source line).
class ClangDiagSink : public DiagSink {
  clang::DiagnosticsEngine &D;

public:
  explicit ClangDiagSink(clang::DiagnosticsEngine &D) : D(D) {}
  void error(SrcLoc Loc, const std::string &Msg) override;
  void note(SrcLoc Loc, const std::string &Msg) override;
  void warning(SrcLoc Loc, const std::string &Msg) override;
  void errorAt(clang::SourceLocation Loc, const std::string &Msg);
  void noteAt(clang::SourceLocation Loc, const std::string &Msg);
};

/// Lowers function definitions to IR on demand, once each.
class ClangFunctionSource : public FunctionSource {
public:
  ClangFunctionSource(clang::ASTContext &Ctx, ClangDiagSink &Diags)
      : Ctx(Ctx), Diags(Diags) {}
  /// Key is a canonical clang::FunctionDecl*.
  const Function *lower(const void *Key) override;
  const void *resolve(const void *Key, const std::string &Name) override;
  static const void *keyOf(const clang::FunctionDecl *FD);
  /// The tad annotations on FD (a declaration or a definition).
  std::vector<Annotation> annotations(const clang::FunctionDecl *FD);

private:
  clang::ASTContext &Ctx;
  ClangDiagSink &Diags;
  std::map<const void *, FunctionP> Cache;
};

/// Options of one generation run (tad-gen's command line).
struct GenerateOptions {
  /// Print the IR of every lowered function (or only of DumpIRFunction).
  bool DumpIR = false;
  std::string DumpIRFunction;
};

/// Lowers and transforms every annotated function in the main file of Ctx.
/// Returns the generated source, or an empty string after reporting errors.
std::string generateForTranslationUnit(clang::ASTContext &Ctx,
                                       const GenerateOptions &Opts,
                                       std::string &IRDump, bool &Failed);

/// Keeps the attribute registration linked into executables.
void linkAttributes();

} // namespace tad

#endif
