//===- Frontend/Frontend.h - Clang AST to tad IR ----------------*- C++ -*-===//
#ifndef TAD_FRONTEND_FRONTEND_H
#define TAD_FRONTEND_FRONTEND_H

#include "IR/IR.h"
#include "Transforms/Generator.h"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>

namespace llvm {
class StringRef;
}
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
  /// A muted sink counts errors but prints nothing (a trial lowering whose
  /// errors the real run reports).
  bool Muted = false;
  void error(SrcLoc Loc, const std::string &Msg) override;
  void note(SrcLoc Loc, const std::string &Msg) override;
  void warning(SrcLoc Loc, const std::string &Msg) override;
  void errorAt(clang::SourceLocation Loc, const std::string &Msg);
  void noteAt(clang::SourceLocation Loc, const std::string &Msg);

private:
  /// Errors already printed: the same error at the same place, found again
  /// (by the derivative of a callee and of its caller), is printed once,
  /// and so are its notes.
  std::set<std::pair<std::uint64_t, std::string>> Reported;
  /// The notes printed since the last error (one for each mode that met
  /// it would repeat).
  std::set<std::pair<std::uint64_t, std::string>> Noted;
  bool Repeated = false;
};

/// The name tad gives a function: its own, or, for an instantiation of a
/// function template, its name followed by its template arguments as
/// identifiers (sq<double> is 'sq_double', power<3> 'power_3', f<-1>
/// 'f_m1', f<const double *> 'f_const_double_ptr'); the derivatives' names
/// follow from it (sq_double_jvp).
std::string instantiationName(const clang::FunctionDecl *FD);
/// How code calls the instantiation FD: `ns::sq<double>`.
std::string templateCallName(const clang::FunctionDecl *FD);

/// Lowers function definitions to IR on demand, once each.
class ClangFunctionSource : public FunctionSource {
public:
  ClangFunctionSource(clang::ASTContext &Ctx, ClangDiagSink &Diags)
      : Ctx(Ctx), Diags(Diags) {}
  /// Key is a canonical clang::FunctionDecl*.
  const Function *lower(const void *Key) override;
  const void *resolve(const void *Key, const std::string &Name) override;
  static const void *keyOf(const clang::FunctionDecl *FD);
  /// FD's name, qualifiers, parameters, result and annotations, without
  /// its body (not cached).
  FunctionP lowerSignature(const clang::FunctionDecl *FD);
  /// The tad annotations on FD (a declaration or a definition).
  std::vector<Annotation> annotations(const clang::FunctionDecl *FD);
  /// Keeps F, lowered by the lowering of another function (a lambda's
  /// call operator, whose body reads that function's variables), as the
  /// function of Key.
  void adopt(const void *Key, FunctionP F) { Cache[Key] = std::move(F); }

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

/// What one generation run produced.
struct GenerateResult {
  /// The generated source (empty after errors).
  std::string Source;
  /// The IR dump asked for by GenerateOptions::DumpIR.
  std::string IR;
  /// Errors were reported (in the user's code or by tad).
  bool Failed = false;
  /// How many functions Source defines.
  size_t NumFunctions = 0;
};

/// Lowers and transforms every annotated function in the main file of Ctx,
/// reporting problems through Ctx's diagnostics.
GenerateResult generateForTranslationUnit(clang::ASTContext &Ctx,
                                          const GenerateOptions &Opts);

/// The file tad-gen writes for Input by default: file.tad.cpp next to it
/// (file.tad.cu for CUDA).
std::string defaultOutputPath(llvm::StringRef Input);

/// Writes Text to Path through a temporary in the same folder, renamed into
/// place only once complete ("-": standard output). A Path that exists and
/// is not a regular file (a device, a pipe) is written in place. On failure
/// returns false and sets Error to a message naming the file.
bool writeFileAtomically(const std::string &Path, const std::string &Text,
                         std::string &Error);

/// Keeps the attribute registration linked into executables.
void linkAttributes();

} // namespace tad

#endif
