//===- IR/Printer.h - textual forms of the IR -------------------*- C++ -*-===//
#ifndef TAD_IR_PRINTER_H
#define TAD_IR_PRINTER_H

#include "IR/IR.h"
#include <string>

namespace tad {

/// The C++ spelling of a type ("const double *__restrict__").
std::string cppType(const Type &T);
/// A literal's C++ spelling: the user's where known, else the shortest
/// decimal that round-trips, with an `f` suffix for float.
std::string cppLiteral(const Expr &Lit);
/// tad's IR as text, for people debugging the tool (tad-gen --dump-ir).
std::string dumpIR(const Function &F);

} // namespace tad

#endif // TAD_IR_PRINTER_H
