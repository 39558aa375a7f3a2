//===- IR/Printer.h - textual forms of the IR -------------------*- C++ -*-===//
#ifndef TAD_IR_PRINTER_H
#define TAD_IR_PRINTER_H

#include "IR/IR.h"
#include <string>

namespace tad {

/// tad's IR as text, for people debugging the tool (tad-gen --dump-ir).
std::string dumpIR(const Function &F);

} // namespace tad

#endif // TAD_IR_PRINTER_H
