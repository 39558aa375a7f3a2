//===- Emit/Emitter.h - IR to C++/CUDA source -------------------*- C++ -*-===//
#ifndef TAD_EMIT_EMITTER_H
#define TAD_EMIT_EMITTER_H

#include "IR/IR.h"
#include <string>

namespace tad {

/// The declaration `qualifiers type name(params)` without a body, on one
/// line.
std::string emitSignature(const Function &F);
/// The declaration `signature;` and a newline, laid out in 80 columns.
std::string emitDeclaration(const Function &F);
/// A full definition and a newline, laid out in LLVM style in 80 columns.
std::string emitDefinition(const Function &F);
/// Code wrapped in F's namespace (C++17 nested namespace definition).
std::string inNamespace(const Function &F, const std::string &Code);

} // namespace tad

#endif // TAD_EMIT_EMITTER_H
