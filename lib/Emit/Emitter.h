//===- Emit/Emitter.h - IR to C++/CUDA source -------------------*- C++ -*-===//
#ifndef TAD_EMIT_EMITTER_H
#define TAD_EMIT_EMITTER_H

#include "IR/IR.h"
#include <string>

namespace tad {

/// C++ source of one expression (parenthesised by precedence).
std::string emitExpr(const ExprP &E);
/// The declaration `qualifiers type name(params)` without a body.
std::string emitSignature(const Function &F);
/// A full definition, unformatted.
std::string emitDefinition(const Function &F);
/// Code wrapped in F's namespace (C++17 nested namespace definition).
std::string inNamespace(const Function &F, const std::string &Code);
/// Formats C++ with clang's format library (LLVM style).
std::string formatCpp(const std::string &Code);

} // namespace tad

#endif // TAD_EMIT_EMITTER_H
