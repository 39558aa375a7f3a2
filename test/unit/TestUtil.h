//===- test/unit/TestUtil.h - parse C++ snippets for unit tests -*- C++ -*-===//
#ifndef TAD_TEST_UNIT_TESTUTIL_H
#define TAD_TEST_UNIT_TESTUTIL_H

#include "Frontend/Frontend.h"
#include "Pipeline/Pipeline.h"

#include <memory>
#include <string>

#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/raw_ostream.h"

namespace clang {
class ASTUnit;
}

namespace tad_unit {

/// A snippet parsed as C++17 under tad (with tad/tad.h on the include path),
/// with diagnostics captured as text.
class Parsed {
public:
  explicit Parsed(const std::string &Code);
  ~Parsed();
  /// The IR of the function named Name, or null (diagnostics say why).
  const tad::Function *lower(const std::string &Name);
  /// The JVP of Name, generated with everything it calls.
  const tad::Function *jvp(const std::string &Name);
  /// The VJP of Name, likewise.
  const tad::Function *vjp(const std::string &Name);
  tad::Pipeline &generator() { return *Gen; }
  std::string diagnostics();

private:
  std::string DiagText;
  std::unique_ptr<llvm::raw_string_ostream> DiagOS;
  std::unique_ptr<clang::DiagnosticConsumer> Consumer;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<tad::ClangDiagSink> Diags;
  std::unique_ptr<tad::ClangFunctionSource> Source;
  std::unique_ptr<tad::Pipeline> Gen;
  const void *keyOf(const std::string &Name);
};

} // namespace tad_unit

#endif
