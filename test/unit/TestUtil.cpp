//===- test/unit/TestUtil.cpp - parse C++ snippets for unit tests ---------===//
#include "TestUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"

using namespace clang;

namespace tad_unit {

Parsed::Parsed(const std::string &Code) {
  tad::linkAttributes();
  DiagOS = std::make_unique<llvm::raw_string_ostream>(DiagText);
  auto *Opts = new DiagnosticOptions();
  Consumer = std::make_unique<TextDiagnosticPrinter>(*DiagOS, Opts);
  AST = tooling::buildASTFromCodeWithArgs(
      Code,
      {"-std=c++17", "-D__TAD__=1", "-I" TAD_SOURCE_DIR "/include",
       "-fno-color-diagnostics"},
      "input.cpp", "tad-unit-tests", std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(),
      tooling::FileContentMappings(), Consumer.get());
  // Diagnostics reported after parsing need the printer's source file open.
  Consumer->BeginSourceFile(AST->getLangOpts(), &AST->getPreprocessor());
  Diags = std::make_unique<tad::ClangDiagSink>(AST->getDiagnostics());
  Source =
      std::make_unique<tad::ClangFunctionSource>(AST->getASTContext(), *Diags);
  Gen = std::make_unique<tad::Pipeline>(*Source, *Diags);
}

Parsed::~Parsed() { Consumer->EndSourceFile(); }

const void *Parsed::keyOf(const std::string &Name) {
  for (Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
    if (auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->getNameAsString() == Name)
        return tad::ClangFunctionSource::keyOf(FD);
  return nullptr;
}

const tad::Function *Parsed::lower(const std::string &Name) {
  const void *Key = keyOf(Name);
  return Key ? Source->lower(Key) : nullptr;
}

const tad::Function *Parsed::jvp(const std::string &Name) {
  const void *Key = keyOf(Name);
  if (!Key)
    return nullptr;
  const tad::Function *J = Gen->requestJvp(Key, Name, tad::SrcLoc());
  Gen->run();
  return J;
}

const tad::Function *Parsed::vjp(const std::string &Name) {
  const void *Key = keyOf(Name);
  if (!Key)
    return nullptr;
  const tad::Function *V = Gen->requestVjp(Key, Name, tad::SrcLoc());
  Gen->run();
  return V;
}

std::string Parsed::diagnostics() {
  DiagOS->flush();
  return DiagText;
}

} // namespace tad_unit
