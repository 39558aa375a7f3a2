//===- Frontend/EarlyDecls.h - early declarations ---------------*- C++ -*-===//
//
// Code after an annotated function may call f_jvp, f_vjp, ... although
// their definitions come later (the plugin adds them at the end of the
// translation unit; tad-gen writes them to a file). This consumer declares
// them as soon as the parser has finished the annotated definition, with
// the signatures tad will give them.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_FRONTEND_EARLYDECLS_H
#define TAD_FRONTEND_EARLYDECLS_H

#include "IR/IR.h"

#include "clang/AST/Type.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"

namespace tad {

class EarlyDeclarer;

/// The Clang type of T, the type of a parameter (named ParamName) or of the
/// result of a function tad generates for Primal: an integer parameter that
/// Primal has too has Primal's type. Null when tad cannot spell the type.
clang::QualType clangTypeOf(clang::ASTContext &Ctx, const Type &T,
                            const clang::FunctionDecl *Primal,
                            const std::string &ParamName);

/// Declares the generated functions of each annotated definition in the
/// main file right after it is parsed: at the end of each top-level
/// declaration, and on demand (through Sema's last-resort lookup) for a
/// call inside the namespace of the annotated function before it closes.
class EarlyDeclConsumer : public clang::SemaConsumer {
public:
  EarlyDeclConsumer();
  ~EarlyDeclConsumer() override;
  void InitializeSema(clang::Sema &S) override;
  void ForgetSema() override;
  bool HandleTopLevelDecl(clang::DeclGroupRef G) override;

private:
  llvm::IntrusiveRefCntPtr<EarlyDeclarer> Impl;
};

} // namespace tad

#endif
